"""Set-up by the evaluating body: rounds and their funders, assignments of evaluators to projects with
conflict-of-interest declarations (回避), rubric uploads checked like `evaluator rubric check`."""
