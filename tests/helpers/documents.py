"""Small files of each kind, built in memory: the first bytes are what type checks read."""

from __future__ import annotations

import struct
import zlib


def pdf(body: bytes = b"pretend scan") -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"\n%%EOF\n"


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\0" + b"\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def tiff(size: int = 64) -> bytes:
    """A little-endian TIFF header followed by `size` bytes of (blank) image data."""
    return b"II*\x00\x08\x00\x00\x00" + b"\xff" * size


def bmp(size: int = 64) -> bytes:
    """A BMP with a 40-byte info header and `size` bytes of white pixels."""
    header = b"BM" + struct.pack("<IHHI", 54 + size, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 4, 4, 1, 24, 0, size, 2835, 2835, 0, 0)
    return header + info + b"\xff" * size


def gif() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01" + b";"


def webp() -> bytes:
    return b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11"


def heic() -> bytes:
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 16


def dicom(size: int = 64) -> bytes:
    return b"\0" * 128 + b"DICM" + b"\x02\x00\x00\x00UL\x04\x00" + b"\0" * size


def text() -> bytes:
    return "Blood test results, 12 November \u2013 all normal.\r\n".encode()


# Things that are not documents
def windows_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 64 + b"PE\0\0"


def linux_program() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\0" * 56


def zip_file() -> bytes:
    return b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\0" * 40


def script() -> bytes:
    return b"#!/bin/sh\nrm -rf ~\n"


DOCUMENTS = {
    "scan.pdf": pdf(),
    "photo.png": png(),
    "photo.jpg": jpeg(),
    "scan.tif": tiff(),
    "scan.bmp": bmp(),
    "anim.gif": gif(),
    "photo.webp": webp(),
    "photo.heic": heic(),
    "IM000001": dicom(),
    "notes.txt": text(),
}
