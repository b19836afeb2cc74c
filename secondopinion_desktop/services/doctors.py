"""Adding, changing and removing doctors (the treating doctors and the candidates)."""

from __future__ import annotations

from collections.abc import Iterable

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository


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
