"""Import incident logs and published statistics from spreadsheets (issue 15): read, check, then write in one
transaction.

`import_sheet(engine, settings, path, mapping, actor=..., dry_run=..., options=..., progress=..., cancelled=...)`:

1. Read: the file's SHA-256, its table (sitcentre.sheets.readers), the header (at the mapping's header row or
   found), every data row through the mapping to a candidate or its problems (sitcentre.sheets.rows).
2. Check against the database: a row whose key is already imported (incidents.import_key,
   published_statistics.row_key) is skipped as present, so the same file or a later overlapping one adds nothing;
   an incident row that looks like one already recorded (services.duplicates' rule: same post, within 24 hours,
   same substance, amount within 10 %) is skipped as a likely duplicate unless the options keep them; each
   incident goes through domain.validation as a typed one does.
3. Write (not for a dry run), in ONE transaction: a sheet_imports row, the incidents with their lines (every
   trigger: totals, rollups, change log, last report; numbered as other unnumbered incidents are) or the
   statistics, and one audit entry naming the file's SHA-256, the mapping and the counts. Cancel (between chunks)
   or any failure rolls everything back: the database is as before.

Progress: `progress(phase, done, total)` with phase "reading" (total None: a streamed file's length is not known),
"writing" (total = rows to add). `cancelled()` is asked between chunks; True raises ImportCancelled.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import Incident, SeizureLine, utcnow
from sitcentre.domain.reference import ReferenceData
from sitcentre.domain.sheet_imports import ImportCancelled, ImportCounts, ImportRefused, ImportResult
from sitcentre.domain.validation import validate_incident
from sitcentre.repositories import bulk
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.repositories.sheet_imports import SheetImportRepository
from sitcentre.services.audit_writing import AuditAction, append
from sitcentre.services.duplicates import WINDOW, similar
from sitcentre.services.exchange_bulk import paused_gc
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.services.numbering import number_unnumbered
from sitcentre.services.sheet_import_rows import IncidentRows
from sitcentre.settings import Settings
from sitcentre.sheets import (
    IncidentCandidate,
    Mapping,
    MappingKind,
    MappingProblem,
    RowOutcome,
    RowProblem,
    SheetProblem,
    StatisticCandidate,
    check_columns,
    header_and_rows,
    open_table,
    read_rows,
)
from sitcentre.sheets.rows import already_imported

log = logging.getLogger(__name__)

ENTITY = "sheet_import"  # audit_log.entity of an import
CHUNK = 5000  # rows written per statement (and between two looks at Cancel)
PROGRESS_EVERY = 2000  # rows read between two progress reports
PREVIEW_ROWS = 20

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class ImportOptions:
    keep_repeated_rows: bool = False  # import exact repeats of an earlier row of the same file
    keep_zero_quantities: bool = False  # statistics: keep published zeros
    keep_likely_duplicates: bool = False  # import incident rows that look like one already recorded


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_sheet(engine: Engine, settings: Settings, path: str | Path, mapping: Mapping, *, actor: Actor,
                 dry_run: bool = False, options: ImportOptions = ImportOptions(), progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, now: datetime | None = None) -> ImportResult:
    """Read, check and (unless dry_run) import the file; see the module's docstring. Raises ImportRefused (the
    file or the mapping as a whole), ImportCancelled, PermissionDenied (audited)."""
    require_actor(actor)
    path = Path(path)
    action = (Action.SHEET_IMPORT_INCIDENTS if mapping.kind is MappingKind.INCIDENTS
              else Action.SHEET_IMPORT_STATISTICS)
    policy = policy_of(settings)
    with refusals_audited(engine, ENTITY, path.name):
        with UnitOfWork(engine) as uow:
            permit(uow.session, actor, action, policy=policy)
    now = now or utcnow()
    report = progress or (lambda phase, done, total: None)
    stop = cancelled or (lambda: False)
    with paused_gc():  # the rows read live until the end: a full collection would walk them all, again and again
        plan = _read(engine, path, mapping, options, now, report, stop)
        if dry_run:
            return plan.result(dry_run=True)
        with refusals_audited(engine, ENTITY, path.name):
            return _write(engine, plan, mapping, actor, policy, now, report, stop)


# ---------------------------------------------------------------------------------------------------- reading

@dataclass
class _Plan:
    path: Path
    sha256: str
    kind: MappingKind
    sheet: str | None
    header_names: tuple[str, ...]
    to_add: list  # candidates
    not_added: list  # RowOutcomes
    preview: list  # RowOutcomes
    rows: int = 0
    present: int = 0
    skipped: int = 0
    rejected: int = 0

    @property
    def counts(self) -> ImportCounts:
        return ImportCounts(rows=self.rows, added=len(self.to_add), present=self.present, skipped=self.skipped,
                            rejected=self.rejected)

    def result(self, dry_run: bool, import_id: int | None = None, audit_id: int | None = None) -> ImportResult:
        return ImportResult(kind=self.kind.value, file_name=self.path.name, file_sha256=self.sha256,
                            sheet=self.sheet, header_names=self.header_names, counts=self.counts, dry_run=dry_run,
                            import_id=import_id, preview=tuple(self.preview),
                            not_added=tuple(sorted(self.not_added, key=lambda o: o.row_number)),
                            audit_id=audit_id)


@contextmanager
def refusals_in_words(path: str | Path) -> Iterator[None]:
    """A file or mapping that cannot be used, as ImportRefused in words (the one place that maps them)."""
    try:
        yield
    except (SheetProblem, MappingProblem) as exc:
        raise ImportRefused(str(exc), getattr(exc, "code", "refused"), **getattr(exc, "params", {})) from None
    except OSError as exc:
        name = Path(path).name
        raise ImportRefused(f"Cannot read {name}: {exc.strerror or exc}.", "unreadable", name=name) from None


def _read(engine: Engine, path: Path, mapping: Mapping, options: ImportOptions, now: datetime, report: Progress,
          stop: Callable[[], bool]) -> _Plan:
    with refusals_in_words(path):
        sha256 = file_sha256(path)
        table = open_table(path, sheet=mapping.sheet)
        header, rows = header_and_rows(table.rows(), table.merged_ranges(), row_number=mapping.header_row,
                                       sheet=table.sheet or "the sheet")
        check_columns(header, mapping)
    with UnitOfWork(engine) as uow:
        repo = ReferenceRepository(uow.session)
        reference = ReferenceData(tuple(repo.posts()), tuple(repo.substances()), tuple(repo.countries()))
        imported = SheetImportRepository(uow.session).rows_imported_before(mapping.kind.value, sha256,
                                                                            mapping.to_json())
    known = _KnownKeys(engine, mapping.kind)
    plan = _Plan(path, sha256, mapping.kind, table.sheet, tuple(header.names), [], [], [])
    outcomes = read_rows(rows, header, mapping, reference, now=now, date1904=table.date1904,
                         keep_duplicates=options.keep_repeated_rows,
                         keep_zero_quantities=options.keep_zero_quantities, imported=imported)
    with refusals_in_words(path):  # a file damaged below its first rows
        for outcome in outcomes:
            plan.rows += 1
            if plan.rows % PROGRESS_EVERY == 0:
                if stop():
                    raise ImportCancelled()
                report("reading", plan.rows, None)
            candidate = outcome.candidate
            if candidate is not None and candidate.row_key in known:
                outcome = RowOutcome(outcome.row_number, None, (already_imported(outcome.row_number),))
            if len(plan.preview) < PREVIEW_ROWS:
                plan.preview.append(outcome)
            _count(plan, outcome)
    if stop():
        raise ImportCancelled()
    report("reading", plan.rows, plan.rows)
    if mapping.kind is MappingKind.INCIDENTS:
        _check_incidents(engine, plan, reference, options, now)
    return plan


class _KnownKeys:
    """The row keys imported so far (incidents' or statistics'), read when first asked: a file imported before
    with the same mapping is mostly answered by its row numbers (rows_imported_before), and its other rows
    seldom become candidates."""

    def __init__(self, engine: Engine, kind: MappingKind):
        self.engine, self.kind, self.keys = engine, kind, None

    def __contains__(self, key: str) -> bool:
        if self.keys is None:
            with UnitOfWork(self.engine) as uow:
                imports = SheetImportRepository(uow.session)
                self.keys = (imports.incident_keys() if self.kind is MappingKind.INCIDENTS
                             else imports.statistic_keys())
        return key in self.keys


def _count(plan: _Plan, outcome: RowOutcome) -> None:
    if outcome.candidate is not None:
        plan.to_add.append(outcome.candidate)
        return
    plan.not_added.append(outcome)
    if any(p.code == "already_imported" for p in outcome.problems):
        plan.present += 1
    elif outcome.skipped:
        plan.skipped += 1
    else:
        plan.rejected += 1


def _problem(row_number: int, code: str, message: str, **params) -> RowProblem:
    return RowProblem(row_number, code, message, None, params)


def _check_incidents(engine: Engine, plan: _Plan, reference: ReferenceData, options: ImportOptions,
                     now: datetime) -> None:
    """The typed incident's validation for every row, and the duplicate check against incidents recorded."""
    if not plan.to_add:
        return
    substances = reference.substances_by_id
    start = min(c.occurred_at for c in plan.to_add) - WINDOW
    end = max(c.occurred_at for c in plan.to_add) + WINDOW
    near = {}
    if not options.keep_likely_duplicates:
        with UnitOfWork(engine) as uow:
            near = SheetImportRepository(uow.session).lines_near(start, end)
    kept = []
    for candidate in plan.to_add:
        problems = validate_incident(_incident(candidate), substances, now=now)
        if problems:
            _refuse(plan, candidate, [_problem(candidate.row_number, "invalid", p.message, field=p.field)
                                      for p in problems], rejected=True)
            continue
        number = _likely_duplicate(candidate, near) if near else None
        if number is not None:
            _refuse(plan, candidate, [_problem(
                candidate.row_number, "likely_duplicate", f"Looks like incident {number}, already recorded "
                "(same post, within 24 hours, same substance, similar amount): skipped.", number=number)],
                rejected=False)
            continue
        kept.append(candidate)
    plan.to_add = kept


def _refuse(plan: _Plan, candidate, problems: list[RowProblem], rejected: bool) -> None:
    outcome = RowOutcome(candidate.row_number, None, tuple(problems))
    plan.not_added.append(outcome)
    if rejected:
        plan.rejected += 1
    else:
        plan.skipped += 1
    plan.preview = [outcome if o.row_number == candidate.row_number else o for o in plan.preview]


def _likely_duplicate(candidate: IncidentCandidate, near: dict) -> str | None:
    amounts: dict[int, float] = {}
    for line in candidate.lines:
        amounts[line.substance_id] = amounts.get(line.substance_id, 0.0) + line.kg_equivalent
    t = candidate.occurred_at
    for substance_id, kg in amounts.items():
        recorded = near.get((candidate.post_id, substance_id))
        if not recorded or kg <= 0:
            continue
        i = bisect_left(recorded, (t - WINDOW,))
        while i < len(recorded) and recorded[i][0] <= t + WINDOW:
            if similar(kg, recorded[i][1]):
                return recorded[i][2]
            i += 1
    return None


_CHECKED_ID = uuid.UUID(int=0)  # validation never reads ids: the records checked need no fresh ones (os.urandom)


def _incident(c: IncidentCandidate) -> Incident:
    return Incident(
        id=_CHECKED_ID,
        post_id=c.post_id, occurred_at=c.occurred_at, reported_at=c.occurred_at, incident_type=c.incident_type,
        direction=c.direction, transport_mode=c.transport_mode, concealment=c.concealment,
        route_departure=c.route_departure, route_transit=c.route_transit, route_destination=c.route_destination,
        persons_detained=c.persons_detained, detainee_nationalities=c.detainee_nationalities,
        joint_operation=c.joint_operation, narrative=c.narrative,
        lines=tuple(SeizureLine(substance_id=ln.substance_id, quantity=float(ln.quantity), unit=ln.unit,
                                kg_equivalent=ln.kg_equivalent, conversion=ln.conversion,
                                mass_per_tablet_mg=ln.mass_per_tablet_mg, id=_CHECKED_ID) for ln in c.lines))


# ---------------------------------------------------------------------------------------------------- writing

def _write(engine: Engine, plan: _Plan, mapping: Mapping, actor: Actor, policy, now: datetime, report: Progress,
           stop: Callable[[], bool]) -> ImportResult:
    total = len(plan.to_add)
    try:
        with UnitOfWork(engine, write=True) as uow:
            session = uow.session
            action = (Action.SHEET_IMPORT_INCIDENTS if plan.kind is MappingKind.INCIDENTS
                      else Action.SHEET_IMPORT_STATISTICS)
            current = permit(session, actor, action, policy=policy)
            if plan.kind is MappingKind.INCIDENTS:
                for post_id in sorted({c.post_id for c in plan.to_add}):
                    permit(session, current, Action.INCIDENT_CREATE, post_id, policy)
            repo = SheetImportRepository(session)
            counts = plan.counts
            import_id = repo.add_import(
                kind=plan.kind.value, file_name=plan.path.name[:500], file_sha256=plan.sha256,
                mapping=mapping.to_json(), added=counts.added, skipped=counts.skipped + counts.present,
                rejected=counts.rejected, imported_at=now, imported_by=None if actor.system else actor.id)
            rows = None
            if plan.kind is MappingKind.INCIDENTS and total:
                names = {s.id: s.name for s in ReferenceRepository(session).substances()}
                rows = IncidentRows(session, plan.to_add, import_id, names, None if actor.system else actor.id,
                                    now)
                repo.advance_last_reports(rows.latest_reports())
            bulk.widen_cache(session)
            for start in range(0, total, CHUNK):
                if stop():
                    raise ImportCancelled()
                stop_at = min(start + CHUNK, total)
                if rows is not None:
                    repo.add_incidents(*rows.chunk(start, stop_at))
                else:
                    repo.add_statistics([_statistic_row(c, import_id) for c in plan.to_add[start:stop_at]])
                report("writing", stop_at, total)
            if rows is not None and not rows.numbered:
                number_unnumbered(session)
            bulk.restore_cache(session)
            if stop():
                raise ImportCancelled()
            audit_id = append(session, actor, AuditAction.IMPORT, ENTITY, import_id, None, {
                "file": plan.path.name, "file_sha256": plan.sha256, "kind": plan.kind.value,
                "sheet": plan.sheet, "mapping_sha256": mapping.identity, "mapping": mapping.to_dict(),
                "rows": counts.rows, "added": counts.added, "already_present": counts.present,
                "skipped": counts.skipped, "rejected": counts.rejected})
            uow.commit()
    except IntegrityError as exc:
        log.warning("import of %s refused by a constraint", plan.path.name, exc_info=exc)
        raise ImportRefused("Another import added some of these rows meanwhile, or a row breaks a rule of the "
                            "database. Nothing was imported; run the import again to skip what is there now.",
                            "conflict") from None
    log.info("imported %s (%s): %s", plan.path.name, plan.kind.value, plan.counts)
    return plan.result(dry_run=False, import_id=import_id, audit_id=audit_id)


def _statistic_row(c: StatisticCandidate, import_id: int) -> dict:
    return dict(import_id=import_id, import_row=c.row_number, row_key=c.row_key, source=c.source,
                country_code=c.country_code, period_kind=c.period.kind.value, period_start=c.period.start,
                period_end=c.period.end, substance_id=c.substance_id,
                substance_group=c.group.value if c.group else None, other_name=c.other_name,
                quantity=float(c.quantity), unit=c.unit.value, kg_equivalent=c.kg_equivalent,
                conversion=c.conversion)


