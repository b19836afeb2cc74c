"""The field of care read from the diagnosis: what is pre-filled, which specialists are offered."""

from __future__ import annotations

import pytest

from secondopinion_desktop.domain.care_fields import (
    CareField,
    care_field,
    team_specialists,
    uses_mammograms,
    uses_pathology,
)
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.record_entry import suggested_records
from secondopinion_desktop.domain.records import RecordKind

BREAST = "Invasive ductal carcinoma, left breast, stage 2"
PROSTATE = "Prostate cancer (Gleason 7) found on biopsy"
SPINE = ("Lumbar spinal stenosis", "Spinal fusion surgery at L4-L5")
DOCTORS = [
    Doctor(id=3, case_id=1, name="Dr. Adler", role=Role.PRIMARY_CARE),
    Doctor(id=4, case_id=1, name="Dr. Okafor", role=Role.TREATING),
]


@pytest.mark.parametrize(
    ("diagnosis", "treatment", "field"),
    [
        (BREAST, "Lumpectomy, then radiation", CareField.BREAST),
        ("DCIS", "", CareField.BREAST),
        (PROSTATE, "Radical prostatectomy", CareField.PROSTATE),
        ("prostatic adenocarcinoma", "", CareField.PROSTATE),
        (*SPINE, CareField.SPINE),
        ("Herniated disc", "", CareField.SPINE),
        ("", "Spinal fusion", CareField.SPINE),
        ("Lung cancer", "Surgery", CareField.CANCER),
        ("Non-Hodgkin lymphoma", "", CareField.CANCER),
        ("Cervical cancer", "", CareField.CANCER),
        ("Aortic valve disease", "Valve replacement", CareField.HEART),
        ("Tetralogy of Fallot, repaired", "Pulmonary valve replacement", CareField.HEART),
        ("", "Coronary bypass surgery", CareField.HEART),
        ("Cardiac sarcoma", "", CareField.CANCER),  # a cancer word keeps cancer care's lists
        ("Chronic obstructive pulmonary disease", "", CareField.GENERAL),
        ("", "", CareField.GENERAL),
        ("   ", "", CareField.GENERAL),
    ],
)
def test_the_field_comes_from_the_diagnosis_words(
    diagnosis: str, treatment: str, field: CareField
) -> None:
    assert care_field(diagnosis, treatment) is field


def test_the_diagnosis_wins_over_the_treatment() -> None:
    assert care_field(PROSTATE, "mammogram follow-up") is CareField.PROSTATE


def test_words_count_only_from_their_beginning() -> None:
    assert care_field("Tumorous lesion") is CareField.CANCER
    assert care_field("Cardiospinal") is CareField.GENERAL
    assert care_field("Rectal cancer, transprostatic spread") is CareField.CANCER


def test_team_buttons_offer_the_specialists_of_the_field() -> None:
    assert team_specialists(CareField.BREAST) == (
        "Surgeon",
        "Radiation oncologist",
        "Medical oncologist",
        "Plastic surgeon",
    )
    prostate = team_specialists(CareField.PROSTATE)
    for name in ("Urologist", "Pathologist", "Radiologist", "Radiation oncologist"):
        assert name in prostate
    heart = team_specialists(CareField.HEART)
    assert "Cardiologist" in heart and "Cardiac surgeon" in heart
    assert "Pathologist" not in heart
    spine = team_specialists(CareField.SPINE)
    for name in ("Neurosurgeon", "Orthopedic surgeon", "Physiatrist", "Pain specialist"):
        assert name in spine
    for field in CareField:
        if field is not CareField.BREAST:
            assert "Plastic surgeon" not in team_specialists(field)
        assert len(team_specialists(field)) >= 2


def _kinds(diagnosis: str, treatment: str = "") -> list[RecordKind]:
    return [i.kind for i in suggested_records(1, DOCTORS, diagnosis, treatment)]


def test_a_breast_case_gets_mammograms_and_slides() -> None:
    kinds = _kinds(BREAST)
    for kind in RecordKind:
        if kind is not RecordKind.OTHER:
            assert kind in kinds, kind


def test_a_prostate_case_gets_slides_but_no_mammograms() -> None:
    items = suggested_records(1, DOCTORS, PROSTATE)
    kinds = [i.kind for i in items]
    assert RecordKind.MAMMOGRAMS not in kinds
    assert RecordKind.PATHOLOGY_SLIDES in kinds
    assert RecordKind.PATHOLOGY_REPORT in kinds
    titles = " ".join(i.title for i in items).lower()
    assert "mammo" not in titles and "breast" not in titles
    assert "X-rays and scans (on CD or film)" in [i.title for i in items]


def test_a_spine_operation_gets_scans_but_nothing_from_cancer_care() -> None:
    kinds = _kinds(*SPINE)
    assert RecordKind.MAMMOGRAMS not in kinds
    assert RecordKind.PATHOLOGY_SLIDES not in kinds
    assert RecordKind.PATHOLOGY_REPORT not in kinds
    assert RecordKind.OTHER_IMAGING in kinds
    assert RecordKind.MEDICAL_RECORDS in kinds


def test_an_empty_diagnosis_gets_the_general_list() -> None:
    kinds = _kinds("")
    assert RecordKind.MAMMOGRAMS not in kinds
    assert RecordKind.PATHOLOGY_SLIDES in kinds  # most people using the app face cancer
    assert uses_pathology(CareField.GENERAL, "")
    assert not uses_pathology(CareField.GENERAL, "Aortic valve disease")
    assert not uses_mammograms(CareField.GENERAL)


def test_a_spine_operation_typed_only_as_the_treatment_gets_no_slides() -> None:
    assert not uses_pathology(CareField.SPINE, "")
    assert RecordKind.PATHOLOGY_SLIDES not in _kinds("", "Spinal fusion")
    assert RecordKind.PATHOLOGY_SLIDES in _kinds("", "Surgery")  # nothing recognised


@pytest.mark.parametrize(
    "diagnosis",
    [
        "Acute lymphoblastic leukemia",
        "Acute myeloid leukaemia",
        "Neuroblastoma, stage 3",
        "Retinoblastoma",
        "Medulloblastoma",
        "Osteosarcoma of the left femur",
        "Rhabdomyosarcoma",
        "Wilms tumour",
        "Hodgkin's disease",
        "Pilocytic astrocytoma",
        "Diffuse intrinsic pontine glioma",
        "Cutaneous melanoma",
        "Plasma cell myeloma",
        "Hepatocellular carcinoma",
    ],
)
def test_a_childs_or_rare_cancer_named_by_its_cells_is_cancer(diagnosis: str) -> None:
    """Leukemia (the stem 'leuk*mia' was never matched) and cancers ending in a known word
    (neuroblastoma, osteosarcoma) got no slides or pathology report on the checklist."""
    assert care_field(diagnosis) is CareField.CANCER
    assert RecordKind.PATHOLOGY_SLIDES in _kinds(diagnosis)


@pytest.mark.parametrize("diagnosis", ["Cardiospinal", "Blastomycosis of the lung", "Glioblast"])
def test_inner_words_count_only_for_the_cancer_endings(diagnosis: str) -> None:
    assert care_field(diagnosis) is not CareField.CANCER
