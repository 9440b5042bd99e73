"""Values made once per object, for objects that are not hashable or costly to compare: a rubric, one of
its fields, the rows calamine read of a sheet seen before. Keyed by the object's `id`, with the object kept
beside its value so that id stays its own; at most `size` of them, the oldest let go first."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def by_identity(size: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    def decorate(make: Callable[[K], V]) -> Callable[[K], V]:
        kept: dict[int, tuple[K, V]] = {}

        @functools.wraps(make)
        def once(key: K) -> V:
            found = kept.get(id(key))
            if found is not None and found[0] is key:
                return found[1]
            value = make(key)
            if len(kept) >= size:
                kept.pop(next(iter(kept)))
            kept[id(key)] = key, value
            return value

        return once

    return decorate
