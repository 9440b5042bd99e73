"""Funders' dashboards: a round's portfolio and the comparison across rounds (reusing `evaluator.compare`),
filters by district, street and funder, drill-down to a project, and portfolio.pdf / portfolio.xlsx built
by a task, kept and served again until the evaluations they come from change."""
