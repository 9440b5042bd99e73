"""Rubrics as data: models, loading with located problems, checks, canonical form."""

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.rubric.models import Rubric

__all__ = ["LoadedRubric", "Rubric", "load_rubric"]
