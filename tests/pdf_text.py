"""Just enough PDF reading to test what Qt's PDF writer wrote: page count and the text.

Qt writes each font as a Type0 font with Identity-H encoding and a ToUnicode map, and shows text
glyph by glyph with `<hex> Tj`. This reads exactly that (no PDF library is a dependency); when
`pdftotext` (poppler-utils) is installed, tests may cross-check with it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_REF = re.compile(rb"/(\w+) (\d+) 0 R")


@dataclass
class PdfInfo:
    pages: int
    text: str
    fonts: list[str]
    media_boxes: list[tuple[float, float]]

    @property
    def flat(self) -> str:
        """The text with all runs of white space made single spaces."""
        return " ".join(self.text.split())


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(data)}


def _stream(body: bytes) -> bytes:
    head, _, rest = body.partition(b"stream")
    rest = rest.lstrip(b"\r\n")
    rest = rest[: rest.rfind(b"endstream")]
    if b"/FlateDecode" in head:
        # compressed data may itself end in CR or LF bytes: let zlib find where it ends
        return zlib.decompressobj().decompress(rest)
    return rest.rstrip(b"\r\n")


def _to_unicode(cmap: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}

    def char(hexcode: bytes) -> str:
        value = bytes.fromhex(hexcode.decode()).decode("utf-16-be")
        return " " if value == "\t" else value

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = char(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, rest in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block
        ):
            start, end = int(lo, 16), int(hi, 16)
            if rest.startswith(b"["):
                for offset, dst in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", rest)):
                    mapping[start + offset] = char(dst)
            else:
                base = int(rest[1:-1], 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(base + offset)
    return mapping


_TOKENS = re.compile(
    rb"<([0-9A-Fa-f]*)>\s*Tj|\[(.*?)\]\s*TJ|/(\w+)\s+[\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+Td|(BT)",
    re.S,
)


def read_pdf(data: bytes) -> PdfInfo:
    """Page count, text (a line break wherever a new line of text starts) and font names."""
    objects = _objects(data)
    fonts: dict[int, dict[int, str]] = {}
    font_names: list[str] = []
    for number, body in objects.items():
        if b"/Type /Font" in body and b"/ToUnicode" in body:
            ref = re.search(rb"/ToUnicode (\d+) 0 R", body)
            assert ref is not None
            fonts[number] = _to_unicode(_stream(objects[int(ref.group(1))]))
            name = re.search(rb"/BaseFont /([\w+-]+)", body)
            if name:
                font_names.append(name.group(1).decode())
    pages = [b for b in objects.values() if re.search(rb"/Type /Page\b(?!s)", b)]
    boxes: list[tuple[float, float]] = []
    lines: list[str] = []
    for page in pages:
        box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", page)
        if box:
            boxes.append((float(box.group(1)), float(box.group(2))))
        resources = re.search(rb"/Resources (\d+) 0 R", page)
        font_refs: dict[str, int] = {}
        if resources:
            for name, ref in _REF.findall(objects[int(resources.group(1))]):
                font_refs[name.decode()] = int(ref)
        contents = re.search(rb"/Contents (\d+) 0 R", page)
        if not contents:
            continue
        stream = _stream(objects[int(contents.group(1))])
        current: dict[int, str] = {}
        line: list[str] = []
        for match in _TOKENS.finditer(stream):
            shown, array, font, _dx, dy, begin = match.groups()
            if font is not None:
                current = fonts.get(font_refs.get(font.decode(), -1), {})
            elif begin or (dy is not None and float(dy) != 0):
                if line:
                    lines.append("".join(line))
                    line = []
            elif shown is not None:
                line.extend(_decode(shown, current))
            elif array is not None:
                for part in re.findall(rb"<([0-9A-Fa-f]*)>", array):
                    line.extend(_decode(part, current))
        if line:
            lines.append("".join(line))
    return PdfInfo(len(pages), "\n".join(lines), font_names, boxes)


def _decode(hexcodes: bytes, cmap: dict[int, str]) -> list[str]:
    return [cmap.get(int(hexcodes[i : i + 4], 16), "\ufffd") for i in range(0, len(hexcodes), 4)]
