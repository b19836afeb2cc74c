"""Which column of an imported table holds which detail of a doctor.

:func:`guess_mapping` proposes a :data:`ColumnMapping` from the column titles; the person may
change it in the import dialog, and :func:`mapping_problems` says in words what stops an import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final, TypeAlias

from secondopinion_desktop.domain.clean_text import clean_text

__all__ = [
    "ADDRESS_PARTS",
    "FIELDS",
    "FIELD_LABELS",
    "MAPPING_FIELDS",
    "NAME_PARTS",
    "ColumnMapping",
    "empty_mapping",
    "guess_mapping",
    "mapping_problems",
]

#: The details a candidate doctor can have; "name" is the only one that must be present.
FIELDS: Final[tuple[str, ...]] = (
    "name",
    "specialty",
    "practice",
    "address",
    "phone",
    "fax",
    "notes",
    "accepting",
    "network",
)
#: Extra keys for files that split the name: used only when "name" is unmapped or empty.
NAME_PARTS: Final[tuple[str, ...]] = ("first_name", "last_name")
#: Extra keys appended to the street address, in this order: "Suite 4, Springfield, IL 62701".
ADDRESS_PARTS: Final[tuple[str, ...]] = ("address_line_2", "city", "state", "zip")
#: Every key a :data:`ColumnMapping` has, in the order a mapping dialog should list them.
MAPPING_FIELDS: Final[tuple[str, ...]] = (
    "name",
    *NAME_PARTS,
    "specialty",
    "practice",
    "address",
    *ADDRESS_PARTS,
    "phone",
    "fax",
    "email",
    "notes",
    "accepting",
    "network",
)
#: Plain-English labels for the mapping dialog.
FIELD_LABELS: Final[Mapping[str, str]] = {
    "name": "Doctor's name",
    "first_name": "First name",
    "last_name": "Last name",
    "specialty": "Specialty",
    "practice": "Practice or clinic",
    "address": "Street address",
    "address_line_2": "Suite or second address line",
    "city": "City",
    "state": "State",
    "zip": "ZIP code",
    "phone": "Phone",
    "fax": "Fax",
    "email": "Email",
    "accepting": "Taking new patients",
    "network": "In network",
    "notes": "Notes",
}

#: Which column (0-based index into ``Table.headers``) holds each detail, or None for "none".
#:
#: Every key of :data:`MAPPING_FIELDS` is present in a mapping made by :func:`guess_mapping` or
#: :func:`empty_mapping`, so a dialog can show one row per key with a drop-down of the table's
#: column titles (plus "Not in this file") and write the chosen index back. A column may be
#: chosen for more than one detail. "first_name"/"last_name" are joined when "name" is None (or
#: empty in a row); the address parts are appended to "address".
ColumnMapping: TypeAlias = dict[str, int | None]


# --------------------------------------------------------------------------------------------
# Guessing which column is which
# --------------------------------------------------------------------------------------------

_EXACT_HEADERS: Final[dict[str, frozenset[str]]] = {
    "name": frozenset(
        {
            "name",
            "fullname",
            "providername",
            "doctor",
            "doctorname",
            "doctorsname",
            "physician",
            "physicianname",
            "provider",
            "practitioner",
            "practitionername",
            "clinician",
            "clinicianname",
        }
    ),
    "first_name": frozenset({"firstname", "first", "givenname", "forename", "fname"}),
    "last_name": frozenset({"lastname", "last", "surname", "familyname", "lname"}),
    "specialty": frozenset(
        {"specialty", "speciality", "specialties", "specialities", "taxonomy", "primaryspecialty"}
    ),
    "practice": frozenset(
        {
            "practice",
            "practicename",
            "group",
            "groupname",
            "medicalgroup",
            "clinic",
            "clinicname",
            "facility",
            "facilityname",
            "office",
            "officename",
            "organization",
            "organisation",
            "hospital",
        }
    ),
    "address": frozenset(
        {
            "address",
            "streetaddress",
            "street",
            "address1",
            "addressline1",
            "streetaddress1",
            "officeaddress",
            "practiceaddress",
        }
    ),
    "address_line_2": frozenset(
        {"address2", "addressline2", "streetaddress2", "street2", "suite", "ste", "unit"}
    ),
    "city": frozenset({"city", "town"}),
    "state": frozenset({"state", "st", "province"}),
    "zip": frozenset({"zip", "zipcode", "postalcode", "postcode", "zip4", "postal"}),
    "phone": frozenset(
        {"phone", "telephone", "tel", "phonenumber", "telephonenumber", "phoneno", "officephone"}
    ),
    "fax": frozenset({"fax", "faxnumber", "faxno", "facsimile"}),
    "email": frozenset({"email", "emailaddress", "officeemail"}),
    "accepting": frozenset(
        {"acceptingnewpatients", "acceptingpatients", "newpatients", "acceptsnewpatients"}
    ),
    "network": frozenset(
        {"networkstatus", "innetwork", "network", "participating", "participationstatus"}
    ),
    "notes": frozenset({"notes", "note", "comments", "comment", "remarks"}),
}

# Keyword matches, tried in this order so "Practice Phone" is a phone and "Group Name" a
# practice, never a doctor's name.
_KEYWORD_ORDER: Final[tuple[str, ...]] = (
    "accepting",
    "network",
    "email",
    "fax",
    "phone",
    "zip",
    "state",
    "city",
    "address_line_2",
    "address",
    "specialty",
    "practice",
    "notes",
    "first_name",
    "last_name",
    "name",
)
_KEYWORDS: Final[dict[str, frozenset[str]]] = {
    "fax": frozenset({"fax", "facsimile"}),
    "email": frozenset({"email"}),
    "accepting": frozenset({"accepting"}),
    "network": frozenset({"network"}),
    "phone": frozenset({"phone", "telephone", "tel", "phones"}),
    "zip": frozenset({"zip", "zipcode", "postal", "postcode"}),
    "state": frozenset({"state", "province"}),
    "city": frozenset({"city", "town"}),
    "address_line_2": frozenset({"address2", "addressline2", "suite", "street2"}),
    "address": frozenset({"address", "addr", "street", "address1"}),
    "specialty": frozenset(
        {"specialty", "speciality", "specialties", "specialities", "taxonomy", "specialization"}
    ),
    "practice": frozenset(
        {
            "practice",
            "group",
            "clinic",
            "facility",
            "office",
            "organization",
            "organisation",
            "hospital",
            "location",
        }
    ),
    "notes": frozenset({"notes", "note", "comments", "comment", "remarks"}),
    "first_name": frozenset({"first", "given", "forename", "firstname"}),
    "last_name": frozenset({"last", "surname", "family", "lastname"}),
    "name": frozenset({"name", "doctor", "physician", "provider", "practitioner", "clinician"}),
}
# Columns whose titles mention these are codes or counts, not the detail itself.
_EXCLUDED_WORDS: Final[frozenset[str]] = frozenset(
    {"id", "npi", "code", "type", "number", "no", "count", "middle", "tin", "license"}
)
_EXCLUDES_APPLY_TO: Final = frozenset({"name", "specialty", "practice", "first_name", "last_name"})
_CAMEL_RE: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_RE: Final = re.compile(r"[^\W_]+")


def _header_words(header: str) -> tuple[str, list[str]]:
    """Squash a title for matching: ("phonenumber", ["phone", "number"]) for "Phone Number"."""
    text = unicodedata.normalize("NFKD", clean_text(header))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [word.casefold() for word in _WORD_RE.findall(_CAMEL_RE.sub(" ", text))]
    return "".join(words), words


def empty_mapping() -> ColumnMapping:
    """A mapping with every key present and no column chosen."""
    return dict.fromkeys(MAPPING_FIELDS, None)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Propose which column holds each detail, from the column titles.

    Titles are compared ignoring case, spaces and punctuation. An exact synonym ("Provider
    Name", "Speciality", "ZIP Code") wins over a title that merely mentions a keyword ("Office
    Phone"); each column is used for at most one detail, the leftmost suitable column first.
    When the name is split into "First Name" and "Last Name", "name" stays None.
    """
    mapping = empty_mapping()
    squashed = [_header_words(header) for header in headers]
    used: set[int] = set()

    for key in _KEYWORD_ORDER:
        for index, (joined, _words) in enumerate(squashed):
            if index not in used and joined in _EXACT_HEADERS[key]:
                mapping[key] = index
                used.add(index)
                break

    for key in _KEYWORD_ORDER:
        if mapping[key] is not None:
            continue
        for index, (joined, words) in enumerate(squashed):
            if index in used:
                continue
            if key in _EXCLUDES_APPLY_TO and _EXCLUDED_WORDS.intersection(words):
                continue
            if _KEYWORDS[key].intersection(words) or joined in _KEYWORDS[key]:
                mapping[key] = index
                used.add(index)
                break
    return mapping


def mapping_problems(headers: Sequence[str], mapping: Mapping[str, int | None]) -> list[str]:
    """Plain-English problems that stop an import with this mapping (empty list: all fine)."""
    problems: list[str] = []
    for key, index in mapping.items():
        if key not in FIELD_LABELS:
            problems.append(f"Unknown detail {key!r}.")
        elif index is not None and not 0 <= index < len(headers):
            problems.append(f"The column chosen for {FIELD_LABELS[key]} is not in this file.")
    if all(mapping.get(key) is None for key in ("name", *NAME_PARTS)):
        problems.append("Please choose which column has the doctors' names.")
    return problems
