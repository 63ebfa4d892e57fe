"""Closed vocabularies of the domain, stored in the database as their string values."""

from __future__ import annotations

from enum import StrEnum


class IncidentType(StrEnum):
    DRUG_SEIZURE = "drug_seizure"
    PRECURSOR_SEIZURE = "precursor_seizure"
    WEAPONS = "weapons"
    SMUGGLED_GOODS = "smuggled_goods"
    HUMAN_TRAFFICKING = "human_trafficking"
    OTHER = "other"


class Direction(StrEnum):
    ENTERING = "entering"
    LEAVING = "leaving"


class TransportMode(StrEnum):
    VEHICLE = "vehicle"
    TRUCK = "truck"
    RAIL = "rail"
    PEDESTRIAN = "pedestrian"
    AIR = "air"
    MAIL = "mail"


class IncidentStatus(StrEnum):
    DRAFT = "draft"
    REPORTED = "reported"
    VERIFIED = "verified"
    REJECTED = "rejected"
    # Linked by a supervisor to the incident it repeats (incidents.duplicate_of): counted once, there.
    DUPLICATE = "duplicate"


class PostStatus(StrEnum):
    OPERATIONAL = "operational"
    LIMITED = "limited"
    OFFLINE = "offline"


class SubstanceGroup(StrEnum):
    OPIATES = "opiates"
    CANNABIS = "cannabis"
    ATS = "ats"
    COCAINE = "cocaine"
    NPS = "nps"
    PHARMACEUTICALS = "pharmaceuticals"
    PRECURSORS = "precursors"


class Unit(StrEnum):
    KG = "kg"
    G = "g"
    LITRE = "l"
    TABLETS = "tablets"


class AmountBasis(StrEnum):
    """How the amount of a seizure line is known."""

    ESTIMATED = "estimated"
    WEIGHED = "weighed"
    COUNTED = "counted"  # tablets, packages, pieces counted one by one (issue 10, item 11)
    LAB_CONFIRMED = "lab_confirmed"


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class ChangeOp(StrEnum):
    INSERT = "I"
    UPDATE = "U"
    DELETE = "D"
