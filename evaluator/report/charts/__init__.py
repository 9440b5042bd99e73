"""SVG charts for every document: the feedback and readiness reports, the handbook, the portfolio.

Pure functions from plain values to an SVG `Markup`, drawn by hand (`svg.py`) so that WeasyPrint renders
them with the report's fonts and nothing is fetched. `domains`: a project's domains (radar, paired bars);
`ladder`: self-organizations by stage; `portfolio`: totals of a round, totals between rounds, stages per
round.
"""
