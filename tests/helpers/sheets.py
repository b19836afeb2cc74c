"""A cover sheet with made-up but realistic values, for printing tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from secondopinion_desktop.printing.cover_sheet import CoverSheet, EnclosedItem


def sheet(count: int = 3, **changes: Any) -> CoverSheet:
    values: dict[str, Any] = {
        "to_name": "Dr. Priya Raman",
        "to_office": "Lakeside Cancer Center",
        "to_fax": "(555) 622-4190",
        "to_phone": "(555) 622-4100",
        "from_name": "Sarah Ellis",
        "from_phone": "(555) 201-7745",
        "patient_name": "Margaret Ellis",
        "patient_dob": dt.date(1956, 4, 12),
        "visit": dt.datetime(2026, 12, 1, 9, 30),
        "items": tuple(
            EnclosedItem(f"Enclosed item number {n}", "Dr. Ruth Adler", n * 2)
            for n in range(1, count + 1)
        ),
        "prepared_on": dt.date(2026, 11, 20),
    }
    values.update(changes)
    return CoverSheet(**values)
