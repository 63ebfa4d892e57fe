"""The SQL that the incident table's filters, sort keys and list rows (sitcentre.domain.queries) turn into.

Text search folds case in every script on both databases: lower() on PostgreSQL (Unicode-aware in a UTF-8
database whose LC_CTYPE is not "C"), Python's str.casefold on SQLite (sc_casefold, registered on every
connection by sitcentre.db.engine; SQLite's own lower() and LIKE fold ASCII only). The search text itself
is cleaned in IncidentFilter (domain.validation.search_text), so both databases see the same.

Several words must all match, each anywhere in the incident's searched text or in its post's name
("termez heroin"); a "quoted phrase" matches only as written.
"""

from __future__ import annotations

import functools
import json
import re
import uuid

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    String,
    Uuid,
    and_,
    any_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from sitcentre.db.sqlite_functions import CASEFOLD
from sitcentre.db.tables import ConflictRow, FeedCursorRow, FeedEntryRow, InstallationRow, RecordVersionRow
from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.domain.enums import IncidentStatus, IncidentType, TransportMode

# The value types live in sitcentre.domain.queries (no SQLAlchemy there, so ui/ can hold them); re-exported
# for the services and repositories that import them from here.
from sitcentre.domain.queries import SORT_KEYS, IncidentFilter, IncidentListRow, Sort  # noqa: F401
from sitcentre.repositories.conflicts import HARD_KINDS as HARD_CONFLICT_KINDS

# Sort key name -> leading column. Every key ends in (occurred_at, id) or (id) so that it is unique,
# and each has an index in the same column order (tables.py), so a seek is an index range scan.
SORT_COLUMNS = {
    "occurred": (I.occurred_at, I.id),
    "post": (I.post_id, I.occurred_at, I.id),
    "substance": (I.substance_sort, I.occurred_at, I.id),
    "kg": (I.total_kg, I.id),
    "status": (I.status, I.occurred_at, I.id),
    "type": (I.incident_type, I.occurred_at, I.id),
    "transport": (I.transport_mode, I.occurred_at, I.id),
    "persons": (I.persons_detained, I.occurred_at, I.id),
}


def sort_columns(sort: Sort) -> tuple:
    """The columns `sort` orders by, its unique tie-breakers last."""
    return SORT_COLUMNS[sort.key]


# An open hard conflict on the incident (issue 12: the table knows which records are in conflict); an index
# probe on conflicts(row_id, status) per row shown, only for the rows of the page read.
IN_CONFLICT = (exists().where(ConflictRow.row_id == I.id, ConflictRow.status == "open",
                              ConflictRow.kind.in_(HARD_CONFLICT_KINDS))
               .correlate(I).label("in_conflict"))
LIST_COLUMNS = (
    I.id, I.occurred_at, I.local_date, I.post_id, P.name, P.border, P.utc_offset_minutes, I.incident_type,
    I.substances, I.total_kg, I.status, I.transport_mode, I.persons_detained, I.version,
    I.rejection_reason, I.number, IN_CONFLICT, I.rev,
)
ID_AT, REV_AT = 0, len(LIST_COLUMNS) - 1  # where a list row's id and current rev sit (exchange_marks)


def list_columns(sort: Sort) -> tuple[tuple, tuple[int, ...]]:
    """The columns to select for `sort`, and where its key columns sit in a row.

    Sort columns already among LIST_COLUMNS are not selected twice (each costs a conversion per row).
    """
    columns = list(LIST_COLUMNS)
    positions = []
    for col in sort_columns(sort):
        found = next((i for i, c in enumerate(LIST_COLUMNS) if c is col), None)
        if found is None:
            columns.append(col)
            found = len(columns) - 1
        positions.append(found)
    return tuple(columns), tuple(positions)


def to_list_row(row, positions: tuple[int, ...], exchange: str = "") -> IncidentListRow:
    values = tuple(row[: len(LIST_COLUMNS)])
    key = tuple(row[i] for i in positions)
    (id_, occurred, local_day, post_id, post_name, border, offset, itype, subs, kg, status, transport, persons,
     version, reason, number, in_conflict, rev) = values
    return IncidentListRow(
        id=id_, occurred_at=occurred, local_date=local_day, post_id=post_id, post_name=post_name, border=border,
        utc_offset_minutes=offset, incident_type=_TYPES.get(itype) or IncidentType(itype), substances=subs,
        total_kg=kg, status=_STATUSES.get(status) or IncidentStatus(status),
        transport_mode=_TRANSPORT.get(transport) or TransportMode(transport), persons_detained=persons,
        version=version, sort_key=key, rejection_reason=reason or "", number=number, in_conflict=bool(in_conflict),
        rev=rev, exchange=exchange,
    )


# --------------------------------------------------------------------------------- exchange marks

def exchange_marks(session: Session, heads: list[tuple[uuid.UUID, str | None]]) -> dict[uuid.UUID, str]:
    """id -> its mark (domain.queries.EXCHANGE_MARKS; "" left out) for one page's (id, current rev) pairs: ONE
    statement for all of them (never one per row), each branch an index lookup by the page's ids. The ids go in
    as three array parameters (a JSON array read by json_each on SQLite, an array on PostgreSQL), so the statement
    is compiled once and never expanded: 600 IN values cost SQLAlchemy five times what SQLite took to run them.
    The states are repositories.exchange_state's, in its order of precedence (a test keeps the two in step); at
    a post any open conflict row is the centre's version kept beside our unconfirmed edit ("changed at the
    centre too")."""
    if not heads:
        return {}
    ids = [row_id for row_id, _rev in heads]
    texts = [text for i in ids for text in (str(i), i.hex)]  # feed_entries.row_id: either form
    revs = [rev for _id, rev in heads if rev]
    connection = session.connection()  # Core, as the page itself is read: the ORM's execute costs more per call
    dialect = connection.dialect.name
    if dialect == "sqlite":  # Uuid columns hold 32 hex digits there
        params = {"ids": json.dumps([i.hex for i in ids]), "texts": json.dumps(texts), "revs": json.dumps(revs)}
    else:
        params = {"ids": ids, "texts": texts, "revs": revs}
    facts = _PageFacts(connection.execute(_facts_statement(dialect), params).all())
    if facts.role is None:
        return {}  # no installation row: not in an exchange
    marks = ((row_id, facts.mark(row_id, rev)) for row_id, rev in heads)
    return {row_id: mark for row_id, mark in marks if mark}


def _among(column, name: str, element_type, dialect: str):
    """`column` is one of the values of the array parameter `name`."""
    if dialect == "sqlite":
        values = select(literal_column("value")).select_from(func.json_each(bindparam(name, type_=String())))
        return column.in_(values.scalar_subquery())
    return column == any_(bindparam(name, type_=ARRAY(element_type)))


@functools.cache
def _facts_statement(dialect: str):
    def among(column, name, element_type=String()):
        return _among(column, name, element_type, dialect)

    none_s, none_n = cast(null(), String), cast(null(), BigInteger)

    def branch(tag, row_id=None, rev=None, state=None, origin=None, epoch=None, audience=None, seq=None):
        return select(literal_column(f"'{tag}'", String()).label("tag"), row_id if row_id is not None else none_s,
                      rev if rev is not None else none_s, state if state is not None else none_s,
                      origin if origin is not None else none_s, epoch if epoch is not None else none_s,
                      audience if audience is not None else none_s, seq if seq is not None else none_n)

    FE, FC, RV = FeedEntryRow, FeedCursorRow, RecordVersionRow
    entry = dict(rev=FE.rev, state=FE.state, origin=FE.origin, epoch=FE.epoch, audience=FE.audience, seq=FE.seq)
    return union_all(
        branch("me", state=InstallationRow.role, origin=InstallationRow.origin_code),
        branch("c", row_id=cast(ConflictRow.row_id, String), state=ConflictRow.kind)
        .where(among(ConflictRow.row_id, "ids", Uuid()), ConflictRow.status == "open"),
        # received versions waiting or refused (rare: either index will do) ...
        branch("f", row_id=FE.row_id, **entry)
        .where(FE.state.in_(("held", "error")), among(FE.row_id, "texts"), FE.kind == "incident"),
        # ... and our own entries carrying a current version: by row id (no state in the WHERE, or the planner
        # walks every 'own' entry of the state index); state and origin are checked in Python
        branch("f", row_id=FE.row_id, **entry)
        .where(among(FE.row_id, "texts"), FE.kind == "incident", among(FE.rev, "revs")),
        branch("a", origin=FC.origin, epoch=FC.epoch, audience=FC.audience, seq=FC.seq).where(FC.kind == "acked"),
        branch("v", row_id=cast(RV.row_id, String), rev=RV.rev, origin=RV.origin)
        .where(among(RV.row_id, "ids", Uuid()), among(RV.rev, "revs")),
    )


class _PageFacts:
    """What the one statement found, sorted by record; `mark` decides as exchange_state.states does."""

    def __init__(self, found):
        self.role = self.me = None
        self.hard: set[uuid.UUID] = set()
        self.flagged: set[uuid.UUID] = set()  # any open conflict row, a parallel flag included
        self.received: dict[uuid.UUID, str] = {}  # held / error entries from elsewhere
        self.own: dict[tuple[uuid.UUID, str], list[tuple[str, str, int]]] = {}
        self.acked: dict[tuple[str, str, str], int] = {}
        self.versions: dict[tuple[uuid.UUID, str], str] = {}  # (row, rev) -> its origin
        entries, acked = [], []
        for tag, row_id, rev, state, origin, epoch, audience, seq in found:
            if tag == "me":
                self.role, self.me = self.role or state, self.me or origin
            elif tag == "a":
                acked.append((origin, epoch, audience, seq))
            elif (key := _uuid(row_id)) is None:
                continue
            elif tag == "c":
                self.flagged.add(key)
                if state in HARD_CONFLICT_KINDS:
                    self.hard.add(key)
            elif tag == "f":
                entries.append((key, rev, state, origin, epoch, audience, seq))
            elif tag == "v":
                self.versions[(key, rev)] = origin
        for origin, epoch, audience, seq in acked:
            if origin == self.me:
                self.acked[(epoch, audience)] = int(seq or 0)
        for key, rev, state, origin, epoch, audience, seq in entries:
            if state == "own" and origin == self.me:
                self.own.setdefault((key, rev), []).append((epoch, audience, int(seq or 0)))
            elif state in ("held", "error") and origin != self.me and self.received.get(key) != "held":
                self.received[key] = state

    def state(self, row_id: uuid.UUID, rev: str | None) -> str:
        """exchange_state's state: conflict, held, error, then by our own feed, else received or local."""
        if row_id in self.hard:
            return "conflict"
        if row_id in self.received:
            return self.received[row_id]
        if rev and (row_id, rev) in self.own:
            acked = any(seq <= self.acked.get((epoch, audience), 0) for epoch, audience, seq in self.own[(row_id, rev)])
            return "confirmed" if acked else "exported"
        if rev and self.versions.get((row_id, rev), self.me) != self.me:
            return "confirmed"
        return "local"

    def mark(self, row_id: uuid.UUID, rev: str | None) -> str:
        state = self.state(row_id, rev)
        if self.role == "post":
            if row_id in self.flagged and state not in ("held", "error"):
                return "centre_too"
            return {"local": "unsent", "exported": "unconfirmed"}.get(state, state)
        return {"local": "", "exported": "unconfirmed"}.get(state, state)


def _uuid(text) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text))
    except (ValueError, TypeError):
        return None


# Enum lookups by value, a dict hit instead of Enum.__call__ (a tenth of the cost, per row of every page).
_TYPES = {e.value: e for e in IncidentType}
_STATUSES = {e.value: e for e in IncidentStatus}
_TRANSPORT = {e.value: e for e in TransportMode}


def filter_clause(f: IncidentFilter) -> ColumnElement[bool]:
    """The WHERE clause of a filter (true when the filter is empty)."""
    parts: list[ColumnElement[bool]] = []
    if f.date_from:
        parts.append(I.local_date >= f.date_from)
    if f.date_to:
        parts.append(I.local_date <= f.date_to)
    if f.post_ids:
        parts.append(I.post_id.in_(f.post_ids))
    if f.countries:
        parts.append(I.post_id.in_(select(P.id).where(P.country_code.in_(f.countries))))
    if f.borders:
        parts.append(I.post_id.in_(select(P.id).where(P.border.in_(f.borders))))
    if f.types:
        parts.append(I.incident_type.in_(f.types))
    if f.statuses:
        parts.append(I.status.in_(f.statuses))
    if f.substance_ids:
        parts.append(exists().where(L.incident_id == I.id, L.substance_id.in_(f.substance_ids)))
    for word in search_words(f.text):
        parts.append(word_clause(word))
    return and_(True, *parts)


_WORDS = re.compile(r'"([^"]*)"|(\S+)')


def search_words(text: str) -> tuple[str, ...]:
    """The words of a search, a "quoted phrase" kept whole; a stray quote mark is ignored."""
    found = (phrase or word.strip('"') for phrase, word in _WORDS.findall(text))
    return tuple(dict.fromkeys(w for w in (" ".join(f.split()) for f in found) if w))  # each word once


def word_clause(word: str) -> ColumnElement[bool]:
    """One word in its post's name or in the incident's searched columns. The post names are searched once
    per query (an uncorrelated subquery over a few dozen posts), and tested first: an incident of a matching
    post needs no fold of its text. Words are ANDed, so a later word only folds the rows an earlier one kept."""
    text = literal(word, String())
    posts = select(P.id).where(text_position(text, P.name) > 0).correlate(None)  # not the list query's posts
    return I.post_id.in_(posts) | (text_position(text, *SEARCHED) > 0)


SEARCHED = (I.narrative, I.concealment, I.route_transit, I.route_departure, I.route_destination, I.substances,
            I.joint_operation, I.number)


class text_position(FunctionElement):
    """Where the text (argument 1) first occurs in the columns (arguments 2...) joined, case folded in every
    script; 0 when it does not. The columns are joined by a control character, which no search text holds,
    so no match spans two columns. No LIKE: % and _ in the text need no escaping.

    PostgreSQL: strpos(lower(concat_ws(...)), lower(text)), lower() being Unicode-aware in a UTF-8 database.
    SQLite: instr(sc_casefold(... || ...), sc_casefold(text)), ONE Python call per row: one per column made
    a search of 200,000 incidents three times slower than SQLite's own ASCII-only lower() (1,050 against
    350 ms); one call, with instr() instead of LIKE, costs about what the ASCII-only search did.
    """

    type = Integer()
    name = "text_position"
    inherit_cache = True


@compiles(text_position)
def _text_position_default(element, compiler, **kw) -> str:
    text, *columns = element.clauses.clauses
    joined = func.concat_ws(literal_column("chr(31)"), *columns)
    return compiler.process(func.strpos(func.lower(joined), func.lower(text)), **kw)


@compiles(text_position, "sqlite")
def _text_position_sqlite(element, compiler, **kw) -> str:
    text, *columns = element.clauses.clauses
    empty, separator = literal_column("''"), literal_column("char(31)")
    joined = func.coalesce(columns[0], empty)
    for col in columns[1:]:
        joined = joined.op("||")(separator).op("||")(func.coalesce(col, empty))
    fold = getattr(func, CASEFOLD)
    return compiler.process(func.instr(fold(joined), fold(text)), **kw)
