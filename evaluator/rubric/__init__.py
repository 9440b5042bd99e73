"""Rubrics as data: models, loading with located problems, checks, canonical form."""

from evaluator.rubric.loader import load_rubric, LoadedRubric
from evaluator.rubric.models import Rubric

__all__ = ["load_rubric", "LoadedRubric", "Rubric"]
