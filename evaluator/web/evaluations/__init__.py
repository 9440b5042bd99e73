"""Forms in, results and reports out: uploads with their located problems, scoring through the library
(read_form → evaluate → ingest), result pages, feedback reports rendered by a task, round uploads."""
