"""YAML with positions: the data plus the line of every key, so problems can point at a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Key = tuple[str | int, ...]


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
        for part in loc:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
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
    def __init__(self, line: int | None, detail: str):
        super().__init__(detail)
        self.line, self.detail = line, detail


def load_yaml(path: Path) -> YamlDoc:
    """Parse one YAML file; raises OSError if unreadable and YamlError on a syntax error."""
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(mark.line + 1 if mark else None, str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, str(exc)) from None
    finally:
        loader.dispose()
    doc = YamlDoc(path, data)
    if node is not None:
        _record(node, (), doc.lines)
    return doc


def _record(node: yaml.Node, key: Key, lines: dict[Key, int]) -> None:
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = _scalar_key(k)
            lines[key + (name,)] = k.start_mark.line + 1
            _record(v, key + (name,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, key + (i,), lines)


def _scalar_key(node: yaml.Node) -> str | int:
    """Mapping keys as PyYAML would load them (`0:` is the int 0)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    return str(node.value)


def format_key(key: Key) -> str:
    """`('domains', 0, 'points')` → `domains[0].points`."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
