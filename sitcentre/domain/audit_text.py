"""The audit trail in plain words: "Quantity of Heroin 10 kg → 12 kg", "by A. Karimov (operator)",
"2026-03-10 14:02 Termez time (UTC+5)", with names instead of the ids the JSON keeps.

The before/after JSON of an audit row is what the services stored (an Incident's fields, a review's fields,
a post status, an alert, an account); this module only reads it, so the hash chain is untouched. Names are
looked up once (sitcentre.repositories.audit_names.read_names, one query per table; the desk's audit.names) and
passed in, so the wording itself is pure: no database, no Qt, tested alone.

Translation (design rule 11): every English template here is marked with `N_` for extraction, and each
function takes `tr`, the caller's translate function (the UI passes Qt's, context "AuditWords"); the
template is translated first, then filled in, so word order can change in a translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sitcentre.domain.days import local_text, offset_text

Translate = Callable[[str], str]


def N_(text: str) -> str:  # the usual name of a "mark for translation" no-op
    return text


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class PlaceName:
    name: str  # "BLO Termez"
    place: str  # "Termez": the post's time is "Termez time"
    utc_offset_minutes: int


@dataclass(frozen=True)
class PersonName:
    username: str
    display_name: str
    role: str  # the account's role now (the audit row does not keep the role at the time)


@dataclass(frozen=True)
class AuditNames:
    """Reference data to name what an audit row refers to by id."""

    posts: dict[int, PlaceName] = field(default_factory=dict)
    substances: dict[int, str] = field(default_factory=dict)
    users: dict[int, PersonName] = field(default_factory=dict)
    centre_offset_minutes: int | None = None  # None: this computer's offset at that moment
    incidents: dict[str, str] = field(default_factory=dict)  # incident id (32 hex digits) -> its number


# ------------------------------------------------------------------------------------------ vocabularies

FIELDS = {
    "number": N_("Number"), "post_id": N_("Post"), "occurred_at": N_("Occurred at"), "reported_at": N_("Reported at"),
    "incident_type": N_("Type"), "direction": N_("Direction"), "transport_mode": N_("Transport"),
    "concealment": N_("Concealment"), "route_departure": N_("Departure"), "route_transit": N_("Transit"),
    "route_destination": N_("Destination"), "persons_detained": N_("Persons detained"),
    "detainee_nationalities": N_("Nationalities"), "joint_operation": N_("Joint operation"),
    "narrative": N_("Narrative"), "status": N_("Status"), "rejection_reason": N_("Rejection reason"),
    "recorded_by": N_("Recorded by"), "verified_by": N_("Reviewed by"), "verified_at": N_("Reviewed at"),
    "duplicate_of": N_("Duplicate of"), "moved_from": N_("Moved from"), "reason": N_("Reason"), "from": N_("From"),
    "to": N_("To"), "priority": N_("Priority"), "incident": N_("Incident"), "acknowledged_by": N_("Acknowledged by"),
    "acknowledged_at": N_("Acknowledged at"), "username": N_("User name"), "display_name": N_("Name"),
    "role": N_("Role"), "disabled": N_("Disabled"), "failed_logins": N_("Failed sign-ins"),
    "locked_until": N_("Locked until"), "password": N_("Password"), "message": N_("Message"), "action": N_("Action"),
}
# Kept in the JSON for the machine (the version an edit replaces, keys, derived totals): not news to a person.
HIDDEN = frozenset({"id", "version", "lines", "kg_equivalent", "conversion", "own", "rehashed"})
WORDS = {  # stored values of the closed vocabularies (domain.enums, domain.alerts), any field
    "draft": N_("draft"), "reported": N_("reported"), "verified": N_("verified"), "rejected": N_("rejected"),
    "duplicate": N_("duplicate"), "drug_seizure": N_("drug seizure"), "precursor_seizure": N_("precursor seizure"),
    "weapons": N_("weapons"), "smuggled_goods": N_("smuggled goods"), "human_trafficking": N_("human trafficking"),
    "other": N_("other"), "entering": N_("entering the country"), "leaving": N_("leaving the country"),
    "vehicle": N_("vehicle"), "truck": N_("truck / cargo"), "rail": N_("rail"), "pedestrian": N_("pedestrian"),
    "air": N_("air"), "mail": N_("mail"), "operational": N_("operational"), "limited": N_("limited"),
    "offline": N_("offline"), "operator": N_("operator"), "supervisor": N_("supervisor"),
    "admin": N_("administrator"), "low": N_("low"), "normal": N_("normal"), "high": N_("high"),
    "urgent": N_("urgent"), "estimated": N_("estimated"), "weighed": N_("weighed"),
    "lab_confirmed": N_("laboratory confirmed"), "wrong_password": N_("wrong password"),
    "no_password": N_("no password set"), "locked": N_("account locked"), "changed": N_("changed"),
}
UNITS = {"kg": N_("kg"), "g": N_("g"), "l": N_("l"), "tablets": N_("tablets")}
POST_FIELDS = frozenset({"post_id", "from", "to", "moved_to_post"})
INCIDENT_FIELDS = frozenset({"duplicate_of", "moved_from", "incident"})
USER_FIELDS = frozenset({"recorded_by", "verified_by"})
TIME_FIELDS = frozenset({"occurred_at", "reported_at", "verified_at", "acknowledged_at", "locked_until"})
ARROW = "→"


# ------------------------------------------------------------------------------------------ people and times

def person(user_id: int | None, username: str, names: AuditNames, tr: Translate = _same) -> str:
    """'A. Karimov (operator)'; the user name when the account has no display name or is gone."""
    known = names.users.get(user_id) if user_id is not None else None
    if known is None:
        return username or tr(N_("the system"))
    shown = known.display_name.strip() or known.username
    role = tr(WORDS.get(known.role, known.role)) if known.role else ""
    return tr(N_("{0} ({1})")).format(shown, role) if role else shown


def moment(at: datetime | str | None, names: AuditNames, post_id: int | None = None, tr: Translate = _same) -> str:
    """A stored UTC time in the post's local time, the zone named ('2026-03-10 14:02 Termez time (UTC+5)'); in
    the centre's time when no post is known."""
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            return at
    if at is None:
        return ""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    post = names.posts.get(post_id) if post_id is not None else None
    if post is not None:
        return tr(N_("{0} {1} time ({2})")).format(local_text(at, post.utc_offset_minutes), post.place,
                                                   offset_text(post.utc_offset_minutes))
    if names.centre_offset_minutes is not None:
        minutes = names.centre_offset_minutes
    else:
        minutes = int(at.astimezone().utcoffset().total_seconds() // 60)
    return tr(N_("{0} centre time ({1})")).format(local_text(at, minutes), offset_text(minutes))


def by_whom_when(entry, names: AuditNames, post_id: int | None = None, tr: Translate = _same) -> str:
    """'by A. Karimov (operator), 2026-03-10 14:02 Termez time (UTC+5)' for an AuditEntry."""
    return tr(N_("by {0}, {1}")).format(person(entry.user_id, entry.username, names, tr),
                                        moment(entry.at, names, post_id, tr))


# ------------------------------------------------------------------------------------------ values

def value_words(key: str, value: Any, names: AuditNames, post_id: int | None = None, tr: Translate = _same) -> str:
    """One stored value as a person says it."""
    if key == "from" and value is None:
        return tr(N_("the situation centre"))
    if key == "to" and value is None:
        return tr(N_("all posts"))
    if value is None or value == "" or value == []:
        return tr(N_("(none)"))
    if key in POST_FIELDS and isinstance(value, int):
        post = names.posts.get(value)
        return post.name if post else tr(N_("post #{0}")).format(value)
    if key in USER_FIELDS and isinstance(value, int):
        return person(value, tr(N_("user #{0}")).format(value), names, tr)
    if key in TIME_FIELDS:
        return moment(value, names, post_id, tr)
    if isinstance(value, bool):
        return tr(N_("yes")) if value else tr(N_("no"))
    if isinstance(value, str) and value in WORDS:
        return tr(WORDS[value])
    if key in INCIDENT_FIELDS and isinstance(value, str):
        return incident_words(value, names, tr)
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def incident_words(incident_id: str, names: AuditNames, tr: Translate = _same) -> str:
    """An incident by its number (KOR-2026-0412); one not found here (deleted, not arrived) by its short id."""
    key = _hex(incident_id)
    return names.incidents.get(key) or tr(N_("incident {0}")).format(key[:8] + "…")


def referenced_incidents(entries) -> set[str]:
    """The incidents audit entries are about or point at, as 32 hex digits: to look their numbers up at once."""
    found = set()
    for entry in entries:
        if entry.entity == "incident" and entry.entity_id:
            found.add(_hex(entry.entity_id))
        for values in (entry.before, entry.after):
            if isinstance(values, dict):
                found.update(_hex(v) for k, v in values.items() if k in INCIDENT_FIELDS and isinstance(v, str))
    return found


def _hex(incident_id: str) -> str:
    return incident_id.replace("-", "").lower()


def field_label(key: str, tr: Translate = _same) -> str:
    return tr(FIELDS[key]) if key in FIELDS else key.replace("_", " ").capitalize()


def amount(line: dict, tr: Translate = _same) -> str:
    """'12.4 kg', '1,000 tablets': the quantity as recorded, in the unit recorded."""
    quantity = line.get("quantity")
    if isinstance(quantity, int | float):
        number = f"{quantity:,.3f}".rstrip("0").rstrip(".")
    else:
        number = str(quantity)
    unit = line.get("unit") or ""
    return f"{number} {tr(UNITS.get(unit, unit))}".strip()


def substance(line: dict, names: AuditNames, tr: Translate = _same) -> str:
    sid = line.get("substance_id")
    return names.substances.get(sid) or tr(N_("substance #{0}")).format(sid)


def line_words(line: dict, names: AuditNames, tr: Translate = _same) -> str:
    """'Hashish 12.4 kg, weighed'."""
    basis = line.get("basis")
    text = f"{substance(line, names, tr)} {amount(line, tr)}"
    return f"{text}, {tr(WORDS.get(basis, basis))}" if basis else text


# ------------------------------------------------------------------------------------------ changes

def describe_changes(before: Any, after: Any, names: AuditNames, tr: Translate = _same,
                     skip: frozenset[str] = frozenset()) -> list[str]:
    """Plain lines for what an audit row records: each changed field 'Label old → new' (names, not ids), seizure
    lines as line-level sentences; what a new record holds; what a deleted one held. `skip`: fields left out
    (a one-line summary leaves out who reviewed and when: the row says so already)."""
    post_id = _post_of(after) if _post_of(after) is not None else _post_of(before)
    if isinstance(before, dict) and isinstance(after, dict):
        lines = [_changed(key, before.get(key), after.get(key), names, post_id, tr)
                 for key in _keys(before, after) if before.get(key) != after.get(key) and key not in skip]
        return lines + seizure_changes(before.get("lines"), after.get("lines"), names, tr)
    if isinstance(after, dict):
        return _record(after, names, post_id, tr)
    if isinstance(before, dict):
        return [tr(N_("Removed:"))] + _record(before, names, post_id, tr)
    return [] if after is None else [str(after)]


def seizure_changes(before: Any, after: Any, names: AuditNames, tr: Translate = _same) -> list[str]:
    """Seizure lines matched by their key: added, removed, and per line what changed."""
    old = {str(line.get("id")): line for line in before or [] if isinstance(line, dict)}
    new = {str(line.get("id")): line for line in after or [] if isinstance(line, dict)}
    found = []
    for key, line in new.items():
        if key not in old:
            found.append(tr(N_("Seizure line added: {0}")).format(line_words(line, names, tr)))
            continue
        was = old[key]
        if was.get("substance_id") != line.get("substance_id"):
            found.append(tr(N_("Substance {0} {1} {2}")).format(substance(was, names, tr), ARROW,
                                                                 substance(line, names, tr)))
        if (was.get("quantity"), was.get("unit")) != (line.get("quantity"), line.get("unit")):
            found.append(tr(N_("Quantity of {0} {1} {2} {3}")).format(substance(line, names, tr), amount(was, tr),
                                                                      ARROW, amount(line, tr)))
        if was.get("basis") != line.get("basis"):
            found.append(tr(N_("How the amount of {0} is known: {1} {2} {3}")).format(
                substance(line, names, tr), value_words("basis", was.get("basis"), names, tr=tr), ARROW,
                value_words("basis", line.get("basis"), names, tr=tr)))
    for key, line in old.items():
        if key not in new:
            found.append(tr(N_("Seizure line removed: {0}")).format(line_words(line, names, tr)))
    return found


def _changed(key: str, old: Any, new: Any, names: AuditNames, post_id: int | None, tr: Translate) -> str:
    return tr(N_("{0} {1} {2} {3}")).format(field_label(key, tr), value_words(key, old, names, post_id, tr), ARROW,
                                            value_words(key, new, names, post_id, tr))


def _record(values: dict, names: AuditNames, post_id: int | None, tr: Translate) -> list[str]:
    found = [tr(N_("{0}: {1}")).format(field_label(key, tr), value_words(key, values.get(key), names, post_id, tr))
             for key in _keys(values, {}) if values.get(key) not in (None, "", [], {}, 0, False)
             or key in ("from", "to")]
    lines = [tr(N_("Seizure line: {0}")).format(line_words(line, names, tr))
             for line in values.get("lines") or [] if isinstance(line, dict)]
    return found + lines


def _keys(before: dict, after: dict) -> list[str]:
    """Known fields in a fixed, readable order, then any others by name; never the hidden ones."""
    present = {**before, **after}
    known = [k for k in FIELDS if k in present]
    return known + sorted(k for k in present if k not in FIELDS and k not in HIDDEN)


def _post_of(values: Any) -> int | None:
    post = values.get("post_id") if isinstance(values, dict) else None
    return post if isinstance(post, int) else None
