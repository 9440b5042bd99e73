"""Funder comparisons across rounds and projects: the Portfolio model, its computation, its Excel export."""
