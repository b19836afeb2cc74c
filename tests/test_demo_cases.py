"""The sample cases; the second: Walter Brooks, 72, prostate cancer, organised by his son Daniel."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.demo import build_case, build_demo
from secondopinion_desktop.demo_cases import WALTER
from secondopinion_desktop.domain.care_fields import CareField, care_field
from secondopinion_desktop.domain.records import RecordKind
from secondopinion_desktop.domain.scripts import tell_doctor_script
from secondopinion_desktop.store.repository import Repository

TODAY = dt.date(2026, 11, 30)


def test_walter_is_a_prostate_case_with_nothing_from_breast_care(repo: Repository) -> None:
    build_demo(repo, TODAY)
    case = build_case(repo, WALTER, TODAY)
    assert {c.title for c in repo.cases.list()} == {"Mum's second opinion", "Dad's second opinion"}
    assert care_field(case.diagnosis, case.recommended_treatment) is CareField.PROSTATE
    assert case.patient_name == "Walter Brooks" and case.organiser_name.startswith("Daniel")
    records = repo.records.list(case.id)
    assert RecordKind.MAMMOGRAMS not in {i.kind for i in records}
    words = " ".join(f"{i.title} {i.holder_text} {i.notes}" for i in records).lower()
    assert "breast" not in words and "mammo" not in words
    visit = repo.appointments.opinion_visit(case.id)
    assert visit is not None
    assert visit.starts_at.weekday() < 5  # a weekday, 12 to 14 days out
    assert 12 <= (visit.starts_at.date() - TODAY).days <= 14
    assert repo.doctors.booked(case.id) is not None
    told = repo.doctors.get(case.told_doctor_id)  # type: ignore[arg-type]
    assert told.name == "Dr. Thomas Hale"
    script = tell_doctor_script(case, told)
    assert script.startswith("Dr. Thomas Hale, my name is Daniel Brooks.")
    assert "Walter Brooks's diagnosis" in script
    assert any(i.awaiting_confirmation for i in records)  # a fax to confirm
    assert repo.opinions.get(case.id, 1) is not None
