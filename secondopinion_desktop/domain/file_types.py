"""Which files may be kept as scans: documents and pictures, never programs.

An attachment is handed to the system's viewer when the person opens it, and the system picks
the program by the file's suffix. So a copy must only ever carry the suffix of what it really
holds, and only a document or picture type at that. The type is read from the first bytes of
the file (its "magic"), not from its name; the name must also say it is a document, so a file
called "report.exe" is refused even when it holds a PDF.

Word-processor files (.doc, .docx, .odt, .rtf) are not kept: they can carry macros or embedded
objects that run when opened. The person is asked to save them as PDF instead.

Pure functions only: the caller reads the bytes (see HEAD_BYTES) and asks here.
"""

from __future__ import annotations

import codecs
from typing import Final

from secondopinion_desktop.domain.frozen import frozen

__all__ = [
    "DICOM",
    "HEAD_BYTES",
    "KINDS",
    "NAME_SUFFIXES",
    "FileKind",
    "FileTypeError",
    "check_document",
    "detect_kind",
    "kind_of_stored_name",
    "name_suffix",
]

# How much of a file's beginning detection needs: DICOM's marker sits at 128, a PDF's header may
# follow up to 1 KB of junk, and text is judged on its first few KB.
HEAD_BYTES: Final = 8192


@frozen
class FileKind:
    """One kind of document: its name in sentences and the suffixes that mean it."""

    key: str
    label: str
    suffix: str  # the suffix a stored copy of this kind always gets
    also: tuple[str, ...] = ()  # other suffixes people's files of this kind carry

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (self.suffix, *self.also)


PDF: Final = FileKind("pdf", "a PDF", ".pdf")
JPEG: Final = FileKind("jpeg", "a JPEG picture", ".jpg", (".jpeg", ".jpe", ".jfif"))
PNG: Final = FileKind("png", "a PNG picture", ".png")
TIFF: Final = FileKind("tiff", "a TIFF scan", ".tif", (".tiff",))
BMP: Final = FileKind("bmp", "a BMP picture", ".bmp", (".dib",))
GIF: Final = FileKind("gif", "a GIF picture", ".gif")
WEBP: Final = FileKind("webp", "a WebP picture", ".webp")
HEIC: Final = FileKind("heic", "a HEIC photo", ".heic", (".heif", ".hif"))
DICOM: Final = FileKind("dicom", "a DICOM image", ".dcm", (".dicom", ".dic"))
TEXT: Final = FileKind("text", "a plain text file", ".txt", (".text",))

KINDS: Final = (PDF, JPEG, PNG, TIFF, BMP, GIF, WEBP, HEIC, DICOM, TEXT)
# Every suffix a person's file may carry (for the file dialog's filter and the name check).
NAME_SUFFIXES: Final = tuple(s for kind in KINDS for s in kind.suffixes)

_HEIF_BRANDS: Final = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)
_BMP_HEADER_SIZES: Final = frozenset({12, 16, 40, 52, 56, 64, 108, 124})
_TEXT_CONTROLS_ALLOWED: Final = frozenset("\t\n\r\f\x1a")


class FileTypeError(ValueError):
    """A file that may not be kept; `message` is a sentence for the person."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def name_suffix(name: str) -> str:
    """The suffix of a file's name, lower case, with its dot ("" when there is none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem.strip(". ") or not suffix:
        return ""
    return "." + suffix.lower()


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 text without NULs or odd control characters (what Notepad or TextEdit writes)."""
    if not head or b"\0" in head:
        return False
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        text = decoder.decode(head, final=False)  # the cut may fall inside a character
    except UnicodeDecodeError:
        return False
    return all(ch >= " " or ch in _TEXT_CONTROLS_ALLOWED for ch in text)


def detect_kind(head: bytes) -> FileKind | None:
    """The kind of document the bytes begin, or None when it is not one Second Opinion keeps.

    `head` is the file's first HEAD_BYTES bytes (all of it when shorter).
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] in (b"II*\0", b"MM\0*", b"II+\0", b"MM\0+"):
        return TIFF
    if (
        head.startswith(b"BM")
        and len(head) >= 18
        and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES
    ):
        return BMP
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    if head[128:132] == b"DICM":
        return DICOM
    if b"%PDF-" in head[:1024]:
        return PDF
    if _looks_like_text(head):
        return TEXT
    return None


def check_document(name: str, head: bytes) -> FileKind:
    """The kind of a file a person wants to keep, or FileTypeError in words.

    The name must carry a document suffix (or none at all, for a DICOM file from an imaging
    CD, which often has no suffix) and the bytes must be a document; a picture saved under
    another picture's suffix (a PNG called .jpg) is fine, its copy gets the right suffix.
    Text must be called .txt: text under a PDF's name is a broken or disguised file.
    """
    suffix = name_suffix(name)
    kind = detect_kind(head)
    if suffix and suffix not in NAME_SUFFIXES:
        raise FileTypeError(
            f"\u201c{name}\u201d is not a document or a picture, so Second Opinion will not "
            "keep it.\n\nPlease choose a PDF or a picture (for example .jpg or .png), a DICOM "
            "image or a plain text file. A word-processor file can be saved as PDF first.",
            code="not_a_document_name",
        )
    if kind is None:
        raise FileTypeError(
            f"\u201c{name}\u201d does not hold a document or a picture that Second Opinion "
            "can keep, even though its name says so. It may be damaged.\n\n"
            "Please choose a PDF, a picture, a DICOM image or a plain text file.",
            code="not_a_document",
        )
    if not suffix and kind is not DICOM:
        raise FileTypeError(
            f"\u201c{name}\u201d has no ending such as .pdf or .jpg, so Second Opinion cannot "
            "tell what it is.\n\nPlease choose a PDF, a picture, a DICOM image or a plain "
            "text file.",
            code="no_suffix",
        )
    if kind is TEXT and suffix not in TEXT.suffixes:
        raise FileTypeError(
            f"\u201c{name}\u201d does not hold what its name says: it is only text inside. "
            "It may be damaged.\n\nPlease choose the file again, or save it as PDF.",
            code="text_in_disguise",
        )
    return kind


def kind_of_stored_name(file_name: str, head: bytes) -> FileKind | None:
    """The kind of a stored copy when its suffix matches its bytes; None when it does not.

    Opening hands the copy to the system by its suffix, so a copy whose suffix is not the one
    its bytes call for (an older version's ".exe") is never opened.
    """
    kind = detect_kind(head)
    if kind is None or name_suffix(file_name) not in kind.suffixes:
        return None
    return kind
