"""The audit log: who uploaded, scored or changed what, and when (`evaluator.web.audit.log.record`)."""
