"""YAML with positions: the data plus the line of every key, so problems can point at a line.

Rubrics are shared between evaluating bodies, so a YAML file is read as untrusted: a regular file of
at most YAML_LIMIT bytes, aliases bounded (an alias bomb expands a small file into billions of values,
so the expanded file may hold at most MAX_VALUES; a recursive alias has no end and is refused), a key
written twice an error naming both lines (YAML would silently keep the last), and nesting bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evaluator.inputs import read_regular

Key = tuple[str | int, ...]
YAML_LIMIT = 4 * 2**20   # the bundled rubric's largest file is about 100 KB
MAX_DEPTH = 32           # the bundled rubric nests 9 levels deep
MAX_VALUES = 200_000     # the bundled rubric holds about 10 000 values


@dataclass
class YamlDoc:
    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)

    def line_of(self, key: Key) -> int | None:
        """The line of the deepest existing part of `key` (a missing key points at its parent)."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return None

    def resolve(self, loc: tuple[Any, ...]) -> Key:
        """Turn a pydantic error location into a key path into the data, dropping union tags."""
        node, out = self.data, []
        for given in loc:
            part = given
            if (isinstance(node, dict) and part in node) or (
                    isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
                node = node[part]
            elif isinstance(node, dict) and str(part) in node:
                part, node = str(part), node[str(part)]
            elif isinstance(node, (dict, list)) or isinstance(part, int):
                out.append(part)  # a missing key: keep it, it names what is missing
                node = None
                continue
            else:
                continue
            out.append(part)
        return tuple(out)


# libyaml when PyYAML was built with it (the wheels are): parsing is most of loading a rubric
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """A file that is not YAML we accept: `code` (R002 by default) with `params`, at `line` and `key`."""

    def __init__(self, line: int | None, detail: str, code: str = "R002", at: Key = (), **params: Any):
        super().__init__(detail)
        self.line, self.detail, self.code, self.key = line, detail, code, at
        self.params = params or {"detail": detail}


def load_yaml(path: Path, limit: int = YAML_LIMIT) -> YamlDoc:
    """Parse one YAML file; raises OSError (InputError) if it is not a readable regular file within the
    limit, UnicodeDecodeError if it is not UTF-8, and YamlError if it is not YAML we accept."""
    loader = _Loader(read_regular(path, limit).decode("utf-8"))
    try:
        node = loader.get_single_node()
        lines: dict[Key, int] = {}
        if node is not None:
            _walk(node, lines)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(mark.line + 1 if mark else None, str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, str(exc)) from None
    except (ValueError, OverflowError, TypeError) as exc:  # a constructor's own: 2024-13-45, a 5000-digit int
        raise YamlError(None, f"{type(exc).__name__}: {exc}") from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines)


def _walk(root: yaml.Node, lines: dict[Key, int]) -> None:
    """Record the line of every key as the data will have it (aliases expanded), refusing a recursive
    alias, an expansion past MAX_VALUES, a repeated key and deep nesting. Iterative, with the nodes on
    the current path kept, so neither a deep file nor a self-referencing one can overflow it."""
    path: set[int] = set()
    stack: list[tuple[yaml.Node, Key, bool]] = [(root, (), False)]
    count = 0
    while stack:
        node, key, leaving = stack.pop()
        if leaving:
            path.discard(id(node))
            continue
        line = lines.setdefault(key, node.start_mark.line + 1)
        if id(node) in path:  # the composer hands an alias over as the anchored node itself
            raise YamlError(line, "recursive alias", "R009", key)
        count += 1
        if count > MAX_VALUES:
            raise YamlError(line, "alias expansion", "R053", key, limit=MAX_VALUES)
        if len(key) > MAX_DEPTH:
            raise YamlError(line, "too deep", "R050", key, limit=MAX_DEPTH)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            path.add(id(node))
            stack.append((node, key, True))
            stack.extend(_children(node, key, lines))


def _children(node: yaml.Node, key: Key, lines: dict[Key, int]) -> list[tuple[yaml.Node, Key, bool]]:
    if isinstance(node, yaml.SequenceNode):
        return [(item, key + (i,), False) for i, item in enumerate(node.value)]
    first: dict[str | int, int] = {}
    children = []
    for k, v in node.value:
        name, line = _scalar_key(k), k.start_mark.line + 1
        if name in first:
            raise YamlError(line, "duplicate key", "R008", key + (name,), key=name, first_line=first[name])
        first[name] = lines[key + (name,)] = line
        children.append((v, key + (name,), False))
    return children


def _scalar_key(node: yaml.Node) -> str | int:
    """Mapping keys as PyYAML would load them (`0:` is the int 0); a complex key is named `?`."""
    if not isinstance(node, yaml.ScalarNode):
        return "?"
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:  # 0x1f, 1_000: YAML ints that are not Python's spelling
            return str(node.value)
    return str(node.value)


def format_key(key: Key) -> str:
    """`('domains', 0, 'points')` → `domains[0].points`."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
