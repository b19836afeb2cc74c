"""Scans of record items, copied into the data folder: which files are taken, and how big."""

from __future__ import annotations

from secondopinion_desktop.domain.file_types import NAME_SUFFIXES
from secondopinion_desktop.domain.frozen import frozen

# What a scan's name may end with (the file dialog's filter); its content decides the kind
# (domain/file_types.py).
ATTACHMENT_SUFFIXES = NAME_SUFFIXES
# One scan: a DICOM series file from an imaging CD fits; an archive carries the same limit.
MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024


@frozen
class Attachment:
    """A scan of an item, copied into the data folder; `file_name` is the copy's name there."""

    id: int
    record_id: int
    file_name: str
    original_name: str
    size: int
    sha256: str
    added_at: str = ""

    @property
    def size_text(self) -> str:
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.0f} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"
