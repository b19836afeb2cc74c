"""Fixtures for the page and panel tests: a case, its doctor and a booked visit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy",
    )


@pytest.fixture
def raman(repo: Repository, case: Case) -> Doctor:
    return repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", phone="(555) 622-4100")
    )


def book(
    repo: Repository, case: Case, doctor: Doctor, clock: FakeClock, **values: Any
) -> Appointment:
    return repo.appointments.add(
        Appointment(
            id=0,
            case_id=case.id,
            doctor_id=doctor.id,
            starts_at=clock() + dt.timedelta(days=12),
            place="Lakeside Cancer Center",
            **values,
        )
    )
