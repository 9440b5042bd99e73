"""Mutation tests over result JSON: whatever a damaged, hand-edited or hostile result file holds, reading,
checking and ingesting it ends in a located problem or a stored result, never an exception escaping,
in bounded time. A short deterministic slice runs with the tests; `make fuzz-store` runs a long one
(EVALUATOR_FUZZ_EXAMPLES examples per property)."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.store import Store, StoreError
from evaluator.store.files import read_result
from tests.store.build import scored

EXAMPLES = int(os.environ.get("EVALUATOR_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=5000, suppress_health_check=list(HealthCheck))

NASTY_NUMBERS = st.sampled_from(["1e999", "-1e999", "NaN", "Infinity", "9" * 4400, "-0", "1e-400", "0.1e1", "-5"])
NASTY_TEXT = st.sampled_from(['"\\ud800"', '"\\udfff\\u0000"', '"' + "长" * 20000 + '"', '"\\u001b[2J"', '""', '" "'])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from evaluator.rubric import load_rubric
    from tests.conftest import MINI

    loaded = load_rubric(MINI / "rubric.yaml")
    return scored(loaded).to_json()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store.open(tmp_path_factory.mktemp("fuzz") / "evaluations.db") as opened:
        yield opened


def outcome(text: bytes, folder, store) -> str:
    """'refused' (every problem renders in both languages) or 'stored'; anything else escapes and fails."""
    path = folder / "r.json"
    path.write_bytes(text)
    try:
        store.ingest(read_result(path), "r.json")
    except StoreError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.render("zh") and p.render("en") and p.location.file.endswith("r.json")
        return "refused"
    return "stored"


def paths(data, prefix=()):
    """Every key path into the parsed JSON."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(data, list):
        for n, v in enumerate(data):
            yield from paths(v, (*prefix, n))


def replaced(data, path, value):
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = replaced(copy[path[0]], path[1:], value)
    return copy


@FUZZ
@given(st.data())
def test_byte_mutations(base, store, tmp_path_factory, data):
    raw = bytearray(base.encode())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        kind = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if kind == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif kind == "delete":
            del raw[at:at + data.draw(st.integers(1, 40))]
        elif kind == "insert":
            raw[at:at] = data.draw(st.sampled_from([b"[", b"{", b'"', b"\\", b"\xff", b"1e999", b",", b"\x00"]))
        else:
            del raw[at:]
        if not raw:
            raw = bytearray(b"{")
    outcome(bytes(raw), tmp_path_factory.mktemp("b"), store)


@FUZZ
@given(st.data())
def test_value_mutations(base, store, tmp_path_factory, data):
    parsed = json.loads(base)
    every = list(paths(parsed))
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(every))
        parsed = replaced(parsed, where, data.draw(JSON_VALUES))
        every = list(paths(parsed))
    text = json.dumps(parsed, ensure_ascii=False)
    outcome(text.encode("utf-8", "surrogatepass"), tmp_path_factory.mktemp("v"), store)


@FUZZ
@given(st.data())
def test_nasty_literals_anywhere(base, store, tmp_path_factory, data):
    parsed = json.loads(base)
    where = data.draw(st.sampled_from([p for p in paths(parsed) if p]))
    marker = "\u2603MARK\u2603"
    text = json.dumps(replaced(parsed, where, marker), ensure_ascii=False)
    nasty = data.draw(NASTY_NUMBERS | NASTY_TEXT)
    assert outcome(text.replace(json.dumps(marker, ensure_ascii=False), nasty).encode(),
                   tmp_path_factory.mktemp("n"), store) in ("refused", "stored")


def test_an_unchanged_result_is_stored(base, store, tmp_path_factory):
    assert outcome(base.encode(), tmp_path_factory.mktemp("u"), store) == "stored"
