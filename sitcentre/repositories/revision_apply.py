"""A received version's content as the rows this installation stores, for repositories.revisions
.apply_content: codes and usernames to local ids (an unknown author gets a disabled account that keeps the
name), the same validation and kg conversion as an incident saved here, the post's local day; then the checks
against other rows and the writing of the lines. Any problem is an EntryError in words.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import InstallationRow, PostRow, SubstanceAliasRow, SubstanceRow
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.db.tables import UserRow as U
from sitcentre.domain.conversion import ConversionError, to_kg
from sitcentre.domain.enums import Role
from sitcentre.domain.records import Incident, SeizureLine, Substance, local_date
from sitcentre.domain.validation import validate_incident
from sitcentre.exchange.errors import EntryError
from sitcentre.repositories import bulk
from sitcentre.repositories.reference import ReferenceRepository

LINE_CONTENT = ("substance_id", "quantity", "unit", "basis", "mass_per_tablet_mg")
NUMBER_LIMIT = 40  # incidents.number is VARCHAR(40)
DEFAULT_ORIGIN = "C"  # an installation with no installation row yet


@dataclass(frozen=True)
class Reference:
    """This installation's reference data as apply_content needs it, read once (`reference(session)`) and
    passed to every apply of an import: posts by code, substances by id and by code or alias, and the
    accounts found or made so far. Read it again after the reference data changes."""

    posts: dict[str, tuple[int, int]]  # code -> (id, utc_offset_minutes)
    substances: dict[int, Substance]
    by_code: dict[str, int]
    users: dict[str, int]
    origin: str  # this installation's origin code


def reference(session: Session) -> Reference:
    posts = {code: (pid, offset) for code, pid, offset in
             session.execute(select(PostRow.code, PostRow.id, PostRow.utc_offset_minutes))}
    substances = {s.id: s for s in ReferenceRepository(session).substances()}
    return Reference(posts, substances, _substance_codes(session, substances), {}, own_origin(session))


def own_origin(session: Session) -> str:
    """This installation's origin code ("C" when no installation row is recorded yet)."""
    code = session.scalar(select(InstallationRow.origin_code)
                          .order_by(InstallationRow.created_at, InstallationRow.id).limit(1))
    return code or DEFAULT_ORIGIN


@dataclass(frozen=True)
class Prepared:
    """A version's content as this installation's rows: the incident's columns (content and local_date;
    recorded_by/verified_by still as usernames) and each line's columns (content and kg-equivalent)."""

    id: uuid.UUID
    values: dict
    recorded_by: str | None
    verified_by: str | None
    lines: dict[uuid.UUID, dict]


def prepare(ref: Reference, content: dict) -> Prepared:
    if not isinstance(content, dict):
        raise EntryError("The record's content could not be read.")
    incident_id = _uuid(content.get("id"), "the record's id")
    post_code = content.get("post")
    post = ref.posts.get(post_code) if isinstance(post_code, str) else None
    if post is None:
        raise EntryError(f"The post {post_code!r} is not known here.")
    post_id, utc_offset = post
    substances = ref.substances
    lines = _lines(content.get("lines"), ref.by_code)
    incident = Incident(
        id=incident_id, post_id=post_id, occurred_at=_time(content, "occurred_at"),
        reported_at=_time(content, "reported_at"), incident_type=content.get("incident_type"),
        direction=content.get("direction"), transport_mode=content.get("transport_mode"),
        concealment=content.get("concealment", ""), route_departure=content.get("route_departure"),
        route_transit=content.get("route_transit", ""), route_destination=content.get("route_destination"),
        persons_detained=content.get("persons_detained", 0),
        detainee_nationalities=content.get("detainee_nationalities", ""),
        joint_operation=content.get("joint_operation", ""), narrative=content.get("narrative", ""),
        status=content.get("status"), lines=tuple(lines))
    problems = validate_incident(incident, substances)
    if problems:
        raise EntryError("; ".join(p.message for p in problems))
    number, rejection = content.get("number"), content.get("rejection_reason", "")
    if number is not None and (not isinstance(number, str) or not 0 < len(number) <= NUMBER_LIMIT):
        raise EntryError("The incident number could not be read.")
    if not isinstance(rejection, str):
        raise EntryError("The reason for the rejection could not be read.")
    duplicate_of = content.get("duplicate_of")
    values = dict(
        post_id=post_id, occurred_at=incident.occurred_at, reported_at=incident.reported_at,
        local_date=local_date(incident.occurred_at, utc_offset),
        incident_type=str(incident.incident_type), direction=str(incident.direction),
        transport_mode=str(incident.transport_mode), concealment=incident.concealment,
        route_departure=incident.route_departure, route_transit=incident.route_transit,
        route_destination=incident.route_destination, persons_detained=incident.persons_detained,
        detainee_nationalities=incident.detainee_nationalities, joint_operation=incident.joint_operation,
        narrative=incident.narrative, status=str(incident.status), number=number,
        verified_at=_time(content, "verified_at", optional=True), rejection_reason=rejection,
        duplicate_of=_uuid(duplicate_of, "the incident it repeats") if duplicate_of is not None else None)
    return Prepared(incident_id, values, _username(content, "recorded_by"), _username(content, "verified_by"),
                    {line.id: _line_values(line, substances) for line in lines})


def user_id(session: Session, ref: Reference, username: str | None) -> int | None:
    """The local account of this name; an unknown name gets a disabled account with no password (role
    operator), so that the name is kept and nobody can sign in with it."""
    if username is None:
        return None
    if username in ref.users:
        return ref.users[username]
    found = session.scalar(select(U.id).where(U.username == username))
    if found is None:
        found = session.execute(insert(U.__table__).returning(U.id), dict(
            username=username, display_name="", role=Role.OPERATOR.value, password_hash=None,
            disabled=True)).scalar_one()
    ref.users[username] = found
    return found


def _substance_codes(session: Session, substances: dict[int, Substance]) -> dict[str, int]:
    """Substance id by code, and by alias (a renamed code still resolves)."""
    by_code = {s.code: s.id for s in substances.values()}
    for alias, code in session.execute(
            select(SubstanceAliasRow.alias, SubstanceAliasRow.substance_code)
            .join(SubstanceRow, SubstanceRow.code == SubstanceAliasRow.substance_code)):
        by_code.setdefault(alias, by_code[code])
    return by_code


def _lines(raw, by_code: dict[str, int]) -> list[SeizureLine]:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise EntryError("The seizure lines could not be read.")
    lines = []
    for key, line in sorted(raw.items()):
        if not isinstance(line, dict):
            raise EntryError("A seizure line could not be read.")
        code = line.get("substance")
        substance_id = by_code.get(code) if isinstance(code, str) else None
        if substance_id is None:
            raise EntryError(f"The substance {code!r} is not known here.")
        lines.append(SeizureLine(id=_uuid(key, "a seizure line's id"), substance_id=substance_id,
                                 quantity=line.get("quantity"), unit=line.get("unit"), basis=line.get("basis"),
                                 mass_per_tablet_mg=line.get("mass_per_tablet_mg")))
    return lines


def _line_values(line: SeizureLine, substances: dict[int, Substance]) -> dict:
    try:
        kg = to_kg(line.quantity, line.unit, substances[line.substance_id].mass_per_tablet_mg,
                   line.mass_per_tablet_mg)
    except ConversionError as exc:
        raise EntryError(str(exc)) from exc
    if not math.isfinite(kg.kg):
        raise EntryError("A seizure line's amount cannot be converted to kg.")
    return dict(substance_id=line.substance_id, quantity=float(line.quantity), unit=str(line.unit),
                basis=str(line.basis), mass_per_tablet_mg=line.mass_per_tablet_mg, kg_equivalent=kg.kg,
                conversion=kg.method)


def _uuid(value, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value) if isinstance(value, str) else _fail()
    except ValueError:
        raise EntryError(f"The record names {what} in a form that could not be read.") from None


def _fail():
    raise ValueError


def _time(content: dict, name: str, optional: bool = False) -> datetime | None:
    value = content.get(name)
    if value is None and optional:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise EntryError(f"The time {name.replace('_', ' ')} could not be read.")
    return moment


def _username(content: dict, name: str) -> str | None:
    value = content.get(name)
    if value is not None and (not isinstance(value, str) or not 0 < len(value) <= 64):
        raise EntryError(f"The user in {name.replace('_', ' ')} could not be read.")
    return value


# ----------------------------------------------------------------- writing (repositories.revisions.apply_content)


def check_number(session: Session, row_id: uuid.UUID, number: str | None) -> None:
    if number is None:
        return
    other = session.scalar(select(I.id).where(I.number == number, I.id != row_id).limit(1))
    if other is not None:
        raise EntryError(f"The incident number {number} is already used by another incident here.")


def check_lines_belong(session: Session, row_id: uuid.UUID, lines: dict[uuid.UUID, dict]) -> None:
    if not lines:
        return
    foreign = session.scalar(select(L.id).where(L.id.in_(list(lines)), L.incident_id != row_id).limit(1))
    if foreign is not None:
        raise EntryError(f"The seizure line {foreign} belongs to another incident here.")


def replace_lines(session: Session, row_id: uuid.UUID, wanted: dict[uuid.UUID, dict], rev: str,
                  copies: dict) -> None:
    """The incident's lines as `wanted`: removed ones deleted, changed ones updated naming `rev` (their old rev
    becomes their parent_rev), new ones inserted naming `rev`; `copies` are the incident's copied fields."""
    existing = {r.id: r for r in session.execute(
        select(L.id, L.rev, L.kg_equivalent, L.conversion, *(getattr(L, c) for c in LINE_CONTENT))
        .where(L.incident_id == row_id))}
    gone = existing.keys() - wanted.keys()
    if gone:
        session.execute(delete(L.__table__).where(L.id.in_(gone)))
    for line_id in existing.keys() & wanted.keys():
        old, new = existing[line_id], wanted[line_id]
        if any(_differs(getattr(old, c), new[c]) for c in LINE_CONTENT):
            session.execute(update(L.__table__).where(L.id == line_id)
                            .values(rev=rev, parent_rev=old.rev, **new, **copies))
        elif old.kg_equivalent != new["kg_equivalent"] or old.conversion != new["conversion"]:
            # the same line; this installation's reference data converts it differently
            session.execute(update(L).where(L.id == line_id)
                            .values(kg_equivalent=new["kg_equivalent"], conversion=new["conversion"]))
    insert_lines(session, row_id, {key: wanted[key] for key in sorted(wanted.keys() - existing.keys())}, rev, copies)


def insert_lines(session: Session, row_id: uuid.UUID, lines: dict[uuid.UUID, dict], rev: str, copies: dict) -> None:
    """New lines of the incident, naming `rev` (so no trigger unseals the incident for them)."""
    if lines:
        session.execute(L.__table__.insert(), [dict(id=line_id, incident_id=row_id, rev=rev, parent_rev=None,
                                                    **line, **copies) for line_id, line in lines.items()])


def _differs(old, new) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return old is None or new is None or float(old) != float(new)
    return old != new


def insert_new(session: Session, ref: Reference, new: list[tuple[Prepared, str, str]]) -> None:
    """The bulk form of apply_content's 'added': incidents absent here (prepared content, rev, origin) inserted
    with their lines, each sealed under its rev as a version without parents, in one executemany per table
    (incidents first, then lines naming the rev, so no trigger unseals them; the triggers run per row as for
    any insert). A number or a line id already used raises IntegrityError: the caller runs this in a SAVEPOINT
    and, when it fails, applies the records one by one to find which."""
    incidents, lines = [], []
    for prepared, rev, origin in new:
        values = prepared.values
        incidents.append(dict(values, id=prepared.id, origin=origin or ref.origin, rev=rev, parent_rev=None,
                              merge_rev=None, recorded_by=user_id(session, ref, prepared.recorded_by),
                              verified_by=user_id(session, ref, prepared.verified_by)))
        copies = dict(local_date=values["local_date"], post_id=values["post_id"], status=values["status"])
        lines.extend(dict(id=line_id, incident_id=prepared.id, rev=rev, parent_rev=None, **line, **copies)
                     for line_id, line in prepared.lines.items())
    bulk.insert_rows(session, I.__table__, incidents)
    bulk.insert_rows(session, L.__table__, lines)
