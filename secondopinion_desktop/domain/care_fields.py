"""Which field of care a case belongs to, read from the diagnosis the person typed.

The steps come from cancer care, but the person may face any serious recommendation. Anything
specific to one cancer or one body part (mammograms, a plastic surgeon, pathology slides) is
suggested only when the diagnosis calls for it; otherwise the suggestions stay general. Every
suggestion can be changed by the person: this only chooses sensible starting points.
"""

from __future__ import annotations

import re
from enum import StrEnum


class CareField(StrEnum):
    """The fields the app has specific suggestions for; GENERAL when nothing is recognised."""

    BREAST = "breast"
    PROSTATE = "prostate"
    CANCER = "cancer"
    SPINE = "spine"
    HEART = "heart"
    GENERAL = "general"


def _words(*stems: str) -> re.Pattern[str]:
    """Whole words, case-insensitive: a stem ending in '*' is a word's beginning, one that also
    starts with '*' may be inside a word too (the "blastoma" of a neuroblastoma)."""

    def part(stem: str) -> str:
        before = r"\w*" if stem.startswith("*") else ""
        after = r"\w*" if stem.endswith("*") else ""
        return before + re.escape(stem.strip("*")) + after

    return re.compile(r"\b(?:" + "|".join(part(s) for s in stems) + r")\b", re.IGNORECASE)


_BREAST = _words("breast*", "mammar*", "dcis", "mastectom*", "lumpectom*", "mammogra*")
_PROSTATE = _words("prostat*")
_SPINE = _words(
    "spine", "spinal", "vertebra*", "lumbar", "sciatica", "scoliosis", "disc herniation",
    "herniated disc", "herniated disk", "slipped disc", "spondylo*", "laminectom*",
    "discectom*", "back surgery",
)  # fmt: skip
_HEART = _words(
    "heart", "cardiac", "cardiomyopath*", "cardiovascular", "valve", "valves", "valvular",
    "valvuloplast*", "aortic", "mitral", "tricuspid", "tetralogy", "septal defect*",
    "arrhythmi*", "atrial fibrillation", "coronary", "angina", "myocard*", "pericard*",
    "endocard*",
)  # fmt: skip
_CANCER = _words(
    "cancer*", "*carcinoma*", "tumor*", "tumour*", "*lymphoma*", "leukemi*", "leukaemi*",
    "*melanoma*", "*sarcoma*", "*myeloma*", "malignan*", "neoplas*", "metasta*", "*glioma*",
    "*blastoma*", "astrocytom*", "ependymom*", "hodgkin*", "oncolog*",
)  # fmt: skip
# a child's cancer is often named by its cells: a neuroblastoma, an osteosarcoma, a leukemia
# ("*blastoma*", not "blastom*": blastomycosis is an infection)


def care_field(diagnosis: str, treatment: str = "") -> CareField:
    """The field of care the diagnosis (or, failing that, the treatment) points to."""
    for text in (diagnosis, treatment):
        if _BREAST.search(text):
            return CareField.BREAST
        if _PROSTATE.search(text):
            return CareField.PROSTATE
        if _SPINE.search(text):
            return CareField.SPINE
        if _CANCER.search(text):
            return CareField.CANCER
        if _HEART.search(text):
            return CareField.HEART
    return CareField.GENERAL


TEAM_SPECIALISTS: dict[CareField, tuple[str, ...]] = {
    CareField.BREAST: ("Surgeon", "Radiation oncologist", "Medical oncologist", "Plastic surgeon"),
    CareField.PROSTATE: (
        "Urologist",
        "Pathologist",
        "Radiologist",
        "Radiation oncologist",
        "Medical oncologist",
    ),
    CareField.CANCER: (
        "Surgeon",
        "Medical oncologist",
        "Radiation oncologist",
        "Radiologist",
        "Pathologist",
    ),
    CareField.SPINE: (
        "Spine surgeon",
        "Neurosurgeon",
        "Orthopedic surgeon",
        "Physiatrist",
        "Pain specialist",
    ),
    CareField.HEART: (
        "Cardiologist",
        "Cardiac surgeon",
        "Interventional cardiologist",
        "Cardiac imaging specialist",
        "Anesthesiologist",
    ),
    CareField.GENERAL: ("Surgeon", "Radiologist", "Pathologist"),
}


def team_specialists(field: CareField) -> tuple[str, ...]:
    """The specialists a multidisciplinary visit in this field usually brings together."""
    return TEAM_SPECIALISTS[field]


def uses_pathology(field: CareField, diagnosis: str) -> bool:
    """Whether slides and a pathology report belong on the checklist.

    A cancer diagnosis, or one not typed yet (most people using the app face cancer), calls
    for them; a recognised or typed non-cancer diagnosis or treatment such as a spinal operation
    does not.
    """
    if field in (CareField.BREAST, CareField.PROSTATE, CareField.CANCER):
        return True
    return field is CareField.GENERAL and not diagnosis.strip()


def uses_mammograms(field: CareField) -> bool:
    """Mammograms belong on the checklist only for a breast diagnosis."""
    return field is CareField.BREAST
