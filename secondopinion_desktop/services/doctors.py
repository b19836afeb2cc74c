"""Adding, changing and removing doctors (the treating doctors and the candidates)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from secondopinion_desktop.domain.doctors import Doctor, Source
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.services.progress import Progress, Ticker, no_progress
from secondopinion_desktop.store.repository import Repository

if TYPE_CHECKING:  # the insurer-list rules load at the first import, not at start-up
    from secondopinion_desktop.domain.candidate_import import ImportedCandidate


def add_doctor(repo: Repository, doctor: Doctor) -> tuple[Doctor, Changes]:
    """Add a doctor; returns it as stored (with its id) and what changed."""
    with repo.db.atomic():
        saved = repo.doctors.add(doctor)
    return saved, Changes.of(doctor.case_id, Kind.DOCTORS)


def add_doctors(repo: Repository, case_id: int, doctors: Iterable[Doctor]) -> tuple[int, Changes]:
    """Add many doctors at once (an import): all of them or none; returns how many."""
    with repo.db.atomic():
        count = repo.doctors.add_many(doctors)
    return count, Changes.of(case_id, Kind.DOCTORS) if count else Changes()


IMPORT_CHUNK = 1_000


def _adding_words(done: int, total: int) -> str:
    return f"Adding the doctors to your list: {done:,} of {total:,}."


def import_doctors(
    repo: Repository,
    case_id: int,
    candidates: Sequence[ImportedCandidate],
    source: Source,
    source_detail: str,
    progress: Progress = no_progress,
) -> tuple[int, Changes]:
    """Add the doctors of an imported list: all of them or none; returns how many.

    Written a thousand at a time inside one transaction, so `progress` can say how far it is
    and Cancel (a `Cancelled` raised by `progress`) rolls the whole import back.
    """
    from secondopinion_desktop.domain.candidate_import import doctor_from_import

    ticker = Ticker(progress, len(candidates), _adding_words, every=IMPORT_CHUNK)
    ticker.start()
    count = 0
    with repo.db.atomic():
        for start in range(0, len(candidates), IMPORT_CHUNK):
            chunk = candidates[start : start + IMPORT_CHUNK]
            doctors = [doctor_from_import(c, case_id, source, source_detail) for c in chunk]
            count += repo.doctors.add_many(doctors)
            ticker.advance(len(chunk))
    return count, Changes.of(case_id, Kind.DOCTORS) if count else Changes()


def update_doctor(repo: Repository, doctor: Doctor) -> tuple[Doctor, Changes]:
    """Save a doctor's details and answers; returns it as stored."""
    with repo.db.atomic():
        saved = repo.doctors.update(doctor)
    return saved, Changes.of(doctor.case_id, Kind.DOCTORS)


def delete_doctor(repo: Repository, case_id: int, doctor_id: int) -> Changes:
    """Remove a doctor and, through the schema, their calls."""
    with repo.db.atomic():
        repo.doctors.delete(doctor_id)
    return Changes.of(case_id, Kind.DOCTORS, Kind.CALLS, Kind.APPOINTMENTS)
