"""Benchmark: the doctor-comparison table with 5,000 candidates.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_doctor_table.py
Targets (issue 3): load under 150 ms, one filter keystroke under 30 ms. Prints a table and
exits non-zero when a target is missed. Not part of the normal test run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Source, Status
from secondopinion_desktop.store.database import memory_database
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.models.doctors_model import (
    DoctorFilterProxy,
    DoctorsTableModel,
)
from secondopinion_desktop.ui.pages.compare_panel import COMPARE_COLUMNS
from secondopinion_desktop.ui.pages.doctor_table import doctor_table

COUNT = 5_000
LOAD_TARGET_MS = 150.0
KEY_TARGET_MS = 30.0
FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal"]
LAST = ["Ruiz", "Okafor", "Raman", "Marsh", "Whitfield", "Nguyen", "Smith", "Kowalski", "Ito"]
SPECIALTIES = [
    "Surgical oncology",
    "Medical oncology",
    "Radiation oncology",
    "Breast surgeon",
    "Pathology",
    "Radiology",
    "Plastic surgery",
]


def build(repo: Repository) -> int:
    rng = random.Random(7)
    case = repo.cases.create("Benchmark")
    answers = list(Answer)
    repo.doctors.add_many(
        Doctor(
            id=0,
            case_id=case.id,
            name=f"Dr. {rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            specialty=rng.choice(SPECIALTIES),
            practice=f"Clinic {i % 300}",
            phone=f"(555) {100 + i % 900:03d}-{i % 10000:04d}",
            source=rng.choice(list(Source)),
            accepting_new_patients=rng.choice(answers),
            accepts_insurance=rng.choice(answers),
            referral_required=rng.choice(answers),
            wait_days=rng.choice([None, rng.randint(0, 120)]),
            status=rng.choice(list(Status)),
        )
        for i in range(COUNT)
    )
    return case.id


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    repo = Repository(memory_database())
    case_id = build(repo)
    model = DoctorsTableModel(repo.doctors.update)
    proxy = DoctorFilterProxy()
    proxy.setSourceModel(model)
    table = doctor_table(proxy, COMPARE_COLUMNS, "bench")
    table.resize(900, 500)
    table.show()
    app.processEvents()

    loads = []
    for _ in range(5):
        start = time.perf_counter()
        model.set_rows(repo.doctors.list(case_id, Role.CANDIDATE))
        table.viewport().repaint()
        app.processEvents()
        loads.append((time.perf_counter() - start) * 1000)

    keys = []
    for typed in ("ruiz", "surgical onc", "555) 12", "clinic 2"):
        for n in range(1, len(typed) + 1):
            start = time.perf_counter()
            proxy.set_text(typed[:n])
            table.viewport().repaint()
            app.processEvents()
            keys.append((time.perf_counter() - start) * 1000)
        proxy.set_text("")
        app.processEvents()

    load_ms = statistics.median(loads)
    key_median = statistics.median(keys)
    key_worst = max(keys)
    rows = [
        ("load 5,000 candidates (median of 5)", load_ms, LOAD_TARGET_MS),
        ("filter keystroke, median", key_median, KEY_TARGET_MS),
        ("filter keystroke, worst", key_worst, KEY_TARGET_MS),
    ]
    print(f"Doctor table benchmark, {dt.date.today()}, {COUNT:,} candidates")
    print(f"{'measure':<40}{'ms':>10}{'target':>10}  result")
    failed = False
    for name, value, target in rows:
        ok = value < target
        failed |= not ok
        print(f"{name:<40}{value:>10.1f}{target:>10.0f}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
