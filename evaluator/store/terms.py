"""Moved to `evaluator.rounds` (round order and evaluation types are not the store's alone: the reports use
them too, and `report/` imports nothing from `store/`). Kept so that code written against the old name
still imports."""

from evaluator.rounds import TYPE_NAMES, TYPE_ORDER, chinese_number, name_key, round_key

__all__ = ["TYPE_NAMES", "TYPE_ORDER", "chinese_number", "name_key", "round_key"]
