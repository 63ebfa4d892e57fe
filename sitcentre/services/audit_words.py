"""The audit trail in words: the pure wording lives in sitcentre.domain.audit_text and the reading of names in
sitcentre.repositories.audit_names; both are re-exported here for the CLI."""

from __future__ import annotations

from sitcentre.domain.audit_text import (  # noqa: F401  (re-exported)
    ARROW,
    AuditNames,
    PersonName,
    PlaceName,
    Translate,
    by_whom_when,
    describe_changes,
    field_label,
    incident_words,
    line_words,
    moment,
    offset_text,
    person,
    referenced_incidents,
    seizure_changes,
    value_words,
)
from sitcentre.repositories.audit_names import read_incident_numbers, read_names  # noqa: F401  (re-exported)
