"""A real case with scans, its export, and ways to take an archive apart and put it back."""

from __future__ import annotations

import datetime as dt
import io
import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.store.attachment_files import copy_in
from secondopinion_desktop.store.repository import Repository
from tests.helpers import documents

SCANS = {
    "Biopsy report.pdf": documents.pdf(b"pathology " * 200),
    "Chest X-ray.png": documents.png(8, 8),
    "CT slice": documents.dicom(4096),
    "Lab notes.txt": documents.text(),
}


def demo_with_scans(repo: Repository, folder: Path, originals: Path) -> int:
    """The demo case with a scan of each kind attached to its first records; its id."""
    case = build_demo(repo, dt.date(2026, 11, 20))
    originals.mkdir(parents=True, exist_ok=True)
    records = repo.records.list(case.id)
    for index, (name, content) in enumerate(SCANS.items()):
        original = originals / name
        original.write_bytes(content)
        stored = copy_in(folder, original)
        repo.records.add_attachment(
            Attachment(
                id=0,
                record_id=records[index % 2].id,
                file_name=stored.file_name,
                original_name=stored.original_name,
                size=stored.size,
                sha256=stored.sha256,
            )
        )
    return case.id


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def zip_bytes(
    items: dict[str, bytes] | list[tuple[str, bytes]],
    modes: dict[str, int] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A zip of `items` (a list may repeat a name); `modes` sets a member's Unix mode."""
    buffer = io.BytesIO()
    pairs = list(items.items()) if isinstance(items, dict) else items
    with zipfile.ZipFile(buffer, "w", compression=compression) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": a hostile archive may repeat one
        for name, content in pairs:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 30, 0))
            info.compress_type = compression
            if modes and name in modes:
                info.external_attr = modes[name] << 16
            zf.writestr(info, content)
    return buffer.getvalue()


def tables_of(data: bytes) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = json.loads(members(data)["case.json"])
    return tables


def with_tables(data: bytes, tables: Any) -> bytes:
    items = members(data)
    items["case.json"] = json.dumps(tables).encode()
    return zip_bytes(items)
