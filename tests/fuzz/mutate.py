"""Mutations of the bundled samples and rubrics, each a function of the input and a seeded Random, so
every mutant can be rebuilt from (operator, seed) and hypothesis can shrink a failing list of them."""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from collections.abc import Callable

# -- forms: the zip layer ------------------------------------------------------------------------------


def flip_bytes(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        out[rnd.randrange(len(out))] ^= 1 << rnd.randrange(8)
    return bytes(out)


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[:rnd.randrange(len(data))]


def header_field(data: bytes, rnd: random.Random) -> bytes:
    """A local or central header given another compression method or flag bits."""
    starts = [m.start() for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", data)]
    at = rnd.choice(starts)
    flag_at, method_at = (6, 8) if data[at + 2] == 3 else (8, 10)
    out = bytearray(data)
    if rnd.random() < 0.5:
        struct.pack_into("<H", out, at + method_at, rnd.choice([0, 1, 6, 9, 12, 14, 93, 95, 98, 99, 0xFFFF]))
    else:
        struct.pack_into("<H", out, at + flag_at, rnd.choice([1, 8, 0x41, 0x800, 0xFFFF]))
    return bytes(out)


def entries(data: bytes, rnd: random.Random) -> bytes:
    """An entry dropped, renamed, duplicated or stored uncompressed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    victim = rnd.choice(infos).filename
    action = rnd.choice(["drop", "rename", "duplicate", "store"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            body = source.read(info.filename)
            if info.filename != victim:
                target.writestr(info, body)
            elif action == "rename":
                target.writestr(rnd.choice([victim.upper(), victim + ".bak", "xl/worksheets/../" + victim]), body)
            elif action == "duplicate":
                target.writestr(info, body)
                target.writestr(info.filename, body[: len(body) // 2])
            elif action == "store":
                target.writestr(info, body, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


# -- forms: the XML inside ----------------------------------------------------------------------------

def _rezip(data: bytes, rnd: random.Random, change: Callable[[bytes, random.Random], bytes], only: str = "") -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if only in n]
    victim = rnd.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info, change(body, rnd) if info.filename == victim else body)
    return out.getvalue()


def _far_cell(rnd: random.Random) -> bytes:
    space = rnd.choice([b" ", b"\n", b"\t", b"\r\n", b"  "])
    quote = rnd.choice([b'"', b"'"])
    ref = rnd.choice([b"XFD1048576", b"xfd1048576", b"A1048576", b"ZZ99999", b"AAAA1", b"A0", b"1A", b"&#88;FD1",
                      b"DZ9999", b"B2"])
    prefix = rnd.choice([b"", b"", b"x:", b"ns0:"])
    r_attr = rnd.choice([b"r=" + quote + ref + quote, b"", b"s=\"1\" r=" + quote + ref + quote,
                         b'r="A1"' + space + b"r=" + quote + ref + quote])
    row = rnd.choice([b"1048576", b"40", b"99999", b"0", b"x"])
    cells = b"<" + prefix + b"c" + space + r_attr + b"><" + prefix + b"v>1</" + prefix + b"v></" + prefix + b"c>"
    return b"<" + prefix + b"row r=" + quote + row + quote + b">" + cells * rnd.choice([1, 1, 2000]) + b"</" + prefix + b"row>"


def far_cell(data: bytes, rnd: random.Random) -> bytes:
    return _rezip(data, rnd, lambda body, r: body.replace(b"</sheetData>", _far_cell(r) + b"</sheetData>", 1),
                  "worksheets/")


def cell_type(data: bytes, rnd: random.Random) -> bytes:
    def change(body: bytes, r: random.Random) -> bytes:
        cells = list(re.finditer(rb'<c r="[A-Z]+\d+"[^>]*?(?:/>|></c>)', body))   # empty, as either writer has it
        if not cells:
            return body
        cell = r.choice(cells)[0]
        kind = r.choice([b"e", b"n", b"s", b"str", b"b", b"x", b"", b"inlineStr", b"d"])
        value = r.choice([b"#SPILL!", b"#DIV/0!", b"#CALC!", b"abc", b"1e999", b"99999999", b"", b"2024-13-45", b"-1"])
        formula = r.choice([b"", b"<f>1/0</f>", b"<f/>", b"<f t=\"shared\" si=\"0\"/>"])
        new = re.sub(rb'\st="[^"]*"', b"", re.sub(rb"\s*/?>(?:</c>)?$", b"", cell)) + b' t="' + kind + b'">' + formula + b"<v>" + value + b"</v></c>"
        return body.replace(cell, new, 1)
    return _rezip(data, rnd, change, "worksheets/")


def xml_slice(data: bytes, rnd: random.Random) -> bytes:
    """A slice of some part deleted, doubled, or replaced by a hostile fragment."""
    fragments = [b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", b"&a;", b"<![CDATA[<c r=\"XFD1\">]]>", b"<!-- <c -->",
                 b"\x00", b"\xff\xfe", b"<?xml version=\"1.0\" encoding=\"EBCDIC\"?>", b"<dimension ref=\"A1:XFD1048576\"/>"]

    def change(body: bytes, r: random.Random) -> bytes:
        if not body:
            return body
        start = r.randrange(len(body))
        end = min(len(body), start + r.randint(1, 200))
        return r.choice([body[:start] + body[end:], body[:end] + body[start:], body[:start] + r.choice(fragments) + body[end:]])
    return _rezip(data, rnd, change)


def strict_namespace(data: bytes, rnd: random.Random) -> bytes:
    def change(body: bytes, r: random.Random) -> bytes:
        return (body.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main")
                .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                         b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    return _rezip(data, rnd, change)


def text_value(data: bytes, rnd: random.Random) -> bytes:
    """An inline text answer replaced: very long, a formula, odd characters."""
    def change(body: bytes, r: random.Random) -> bytes:
        texts = list(re.finditer(rb"<t>([^<]*)</t>", body))
        if not texts:
            return body
        hit = r.choice(texts)
        new = r.choice([b"x" * 40_000, "名".encode() * 3000, b"=cmd|'/C calc'!A0", b"\xed\xa0\x80", b"&#0;", b"&amp;" * 100])
        return body[:hit.start(1)] + new + body[hit.end(1):]
    return _rezip(data, rnd, change, "worksheets/")


FORM_MUTATIONS = [flip_bytes, truncate, header_field, entries, far_cell, far_cell, cell_type, xml_slice,
                  strict_namespace, text_value]


# -- rubrics: YAML text -------------------------------------------------------------------------------

TOKENS = ["", "~", "&a x", "*a", "*undefined", "[", "{", "!!python/object/apply:os.system ['true']", "2024-13-45",
          "1e999", "-.inf", ".nan", "9" * 5000, "'", '"\\u0000"', "|", "? [a, b]", "<<: {x: 1}", "0x1F", "1_000",
          "'m_survey_note =~ \"(a+)+b\"'", "'$range(1000000000) == []'", "\"=HYPERLINK(1)\"", "名" * 3000]


def yaml_line(text: str, rnd: random.Random) -> str:
    """A line deleted, doubled (repeated keys), swapped, re-indented or given another value."""
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    action = rnd.choice(["delete", "double", "swap", "indent", "value", "value"])
    if action == "delete":
        del lines[i]
    elif action == "double":
        lines.insert(i, lines[i])
    elif action == "swap":
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif action == "indent":
        lines[i] = rnd.choice(["  ", "\t", ""]) + lines[i].lstrip(" ")[rnd.choice([0, 0, 1]):]
    else:
        head, sep, _ = lines[i].partition(": ")
        lines[i] = (head + sep if sep else lines[i] + " ") + rnd.choice(TOKENS)
    return "\n".join(lines)


def yaml_bomb(text: str, rnd: random.Random) -> str:
    bombs = ["\nbomb: &l0 [x]\n" + "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9)),
             "\nloop: &loop [*loop]\n", "\ndeep: " + "[" * 2000 + "]" * 2000 + "\n", "\n" + "a: 1\n" * 3]
    return text + rnd.choice(bombs)


def yaml_bytes(text: str, rnd: random.Random) -> str:
    at = rnd.randrange(len(text) + 1)
    return text[:at] + rnd.choice(["\x00", "\ufeff", "\udcff", "\t", "\x1b[31m", "\u202e"]) + text[at:]


YAML_MUTATIONS = [yaml_line, yaml_line, yaml_line, yaml_bomb, yaml_bytes]
