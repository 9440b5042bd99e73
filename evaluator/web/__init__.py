"""The evaluation platform: a Django site over the results store (`evaluator.store`).

Apps: `accounts` (roles, people, log-in, home page), `audit` (who changed what), `rounds` (set-up by the
evaluating body: rounds, funders, assignments, conflict declarations, rubric uploads), `evaluations`
(forms in, results and reports out). Who may see or do what is decided in `access` and nowhere else.
"""
