"""Benchmark: how long writing the records cover sheet as a PDF takes (target: under 300 ms).

Not a test (pytest collects only test_*.py). Run it with:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_cover_sheet.py

It builds the demo case in a temporary folder, then times the whole path the app takes for
"Save as PDF" and --export-cover-sheet: gathering the sheet from the database, building the HTML,
laying it out for the page and writing the PDF through QSaveFile. It also times a long list (24
items) that must be shrunk to stay on one page.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.printing.cover_sheet import CoverSheet, EnclosedItem, cover_sheet_for
from secondopinion_desktop.printing.fonts import register_fonts
from secondopinion_desktop.printing.render import write_cover_sheet_pdf
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository

RUNS = 20
TARGET_MS = 300.0


def demo_sheet(repo: Repository) -> CoverSheet:
    case = repo.cases.list()[0]
    doctor = repo.doctors.booked(case.id)
    names = {d.id: d.name for d in repo.doctors.list(case.id)}
    return cover_sheet_for(
        case,
        doctor,
        repo.appointments.opinion_visit(case.id),
        repo.records.list(case.id),
        names,
        repo.today(),
    )


def timed(label: str, make: object, target: Path) -> float:
    times: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        sheet = make() if callable(make) else make
        assert isinstance(sheet, CoverSheet)
        pages = write_cover_sheet_pdf(sheet, target, "Letter")
        times.append((time.perf_counter() - start) * 1000)
        assert pages == 1, pages
    median = statistics.median(times)
    print(
        f"{label:<44} median {median:6.1f} ms   best {min(times):6.1f} ms   "
        f"worst {max(times):6.1f} ms   ({RUNS} runs, {target.stat().st_size // 1024} KB)"
    )
    return median


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    start = time.perf_counter()
    register_fonts()
    elapsed = 1000 * (time.perf_counter() - start)
    print(f"{'register the shipped font (once at start)':<44} {elapsed:6.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder))
        repo = Repository(db)
        build_demo(repo, dt.date.today())
        first = time.perf_counter()
        write_cover_sheet_pdf(demo_sheet(repo), Path(folder) / "first.pdf", "Letter")
        elapsed = 1000 * (time.perf_counter() - first)
        print(f"{'first PDF (cold: font caches empty)':<44} {elapsed:6.1f} ms")
        demo = timed(
            "demo case, from the database to the PDF",
            lambda: demo_sheet(repo),
            Path(folder) / "demo.pdf",
        )
        long_sheet = CoverSheet(
            to_name="Dr. Priya Raman",
            prepared_on=dt.date.today(),
            items=tuple(
                EnclosedItem(f"Item {n} with a fairly long name", "Springfield General", n)
                for n in range(1, 25)
            ),
        )
        long = timed("24 items, shrunk to fit one page", long_sheet, Path(folder) / "long.pdf")
        db.close()
    del app
    worst = max(demo, long)
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"target {TARGET_MS:.0f} ms: {verdict} (slowest median {worst:.1f} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
