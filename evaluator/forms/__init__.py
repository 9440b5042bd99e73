"""Excel evaluation forms: templates generated from a rubric, filled in the field, read back as evidence."""
