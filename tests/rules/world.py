"""What the rule tests act on, and each action as the one service call a desk makes for it.

Every service call of the rule tests goes through this module, as `actor=` (never username=): when a
service's signature changes, this is the one place to follow it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import IncidentStatus, Role, Unit
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import Incident, SeizureLine
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services.alerts import acknowledge_alert, send_alert
from sitcentre.services.audit import AuditService
from sitcentre.services.duplicates import DuplicateService
from sitcentre.services.guard import authorize
from sitcentre.services.incidents import IncidentService
from sitcentre.services.posts import change_status
from sitcentre.services.users import UserService
from sitcentre.services.verification import VerificationService
from sitcentre.settings import Settings

SETUP = Actor.system_actor("setup")
ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
HOME_POST = "KG-KSU"  # the operator's post; KG-DOS is another post of the same country
OTHER_POST = "KG-DOS"
# Incidents made once, in the template, in each status (a write costs more than a copy of the database)
POOL = {IncidentStatus.DRAFT: 2, IncidentStatus.REPORTED: 4, IncidentStatus.VERIFIED: 2,
        IncidentStatus.REJECTED: 2, IncidentStatus.DUPLICATE: 2}
WHEN = datetime(2026, 5, 1, 8, tzinfo=UTC)
St = IncidentStatus


def new_incident(posts: dict[str, int], subs: dict[str, int], *lines: tuple[str, float, Unit | str],
                 post: str = "KG-KSU", status: St = St.REPORTED, when: datetime = WHEN, **fields) -> Incident:
    """An incident not saved yet; lines as (substance code, quantity, unit), 20 kg of heroin by default."""
    lines = lines or (("heroin", 20, Unit.KG),)
    return Incident(post_id=posts[post], occurred_at=when, reported_at=when, status=status,
                    lines=tuple(SeizureLine(substance_id=subs[s], quantity=q, unit=Unit(u)) for s, q, u in lines),
                    **fields)


def make_saved(engine: Engine, settings: Settings, posts: dict[str, int], subs: dict[str, int], status: St,
               post: str = "KG-KSU", when: datetime = WHEN) -> Incident:
    """An incident saved by the system in `status`; a duplicate is linked to a new original a minute later."""
    incidents = IncidentService(engine, settings)
    if status == St.DUPLICATE:
        original = incidents.record(new_incident(posts, subs, post=post, when=when + timedelta(minutes=1)),
                                    actor=SETUP)
        twin = incidents.record(new_incident(posts, subs, post=post, when=when), actor=SETUP)
        return DuplicateService(engine, settings).link(twin.id, original.id, actor=SETUP)
    return incidents.record(new_incident(posts, subs, post=post, status=status, when=when), actor=SETUP)


class Audited(NamedTuple):
    id: int
    action: str
    user_id: int | None
    username: str
    after_json: str | None


@dataclass
class World:
    engine: Engine
    settings: Settings
    posts: dict[str, int]
    subs: dict[str, int]
    actors: dict[Role, Actor]
    pool: dict[St, tuple[Incident, ...]] = field(default_factory=dict)  # ready-made, by status (KG-KSU)
    _taken: dict[St, int] = field(default_factory=dict)

    # ------------------------------------------------------------------------------ building

    def incident(self, *lines: tuple[str, float, Unit | str], **fields) -> Incident:
        """An incident not saved yet (new_incident): 20 kg of heroin at KG-KSU by default."""
        return new_incident(self.posts, self.subs, *lines, **fields)

    def saved(self, status: St = St.REPORTED, post: str = "KG-KSU", minutes: int = 0) -> Incident:
        """An incident saved by the system in `status` (a duplicate is linked to an original of its own).

        At KG-KSU, the next one of the template's ready-made incidents in that status while there are any
        (each write costs more than copying the database); else a new one, `minutes` after WHEN."""
        ready = self.pool.get(status, ()) if post == "KG-KSU" else ()
        taken = self._taken.get(status, 0)
        if taken < len(ready):
            self._taken[status] = taken + 1
            return ready[taken]
        return make_saved(self.engine, self.settings, self.posts, self.subs, status, post,
                          WHEN + timedelta(minutes=minutes))

    def alert(self) -> Alert:
        """An alert from the centre to the operator's post, waiting."""
        return send_alert(self.engine, Alert("Please check the truck", None, self.posts["KG-KSU"]), actor=SETUP,
                          settings=self.settings)

    # ------------------------------------------------------------------------------ reading

    def get(self, incident_id: uuid.UUID) -> Incident | None:
        with UnitOfWork(self.engine) as uow:
            return IncidentRepository(uow.session).get(incident_id)

    def post_status(self, code: str = "KG-KSU") -> str:
        with UnitOfWork(self.engine) as uow:
            return ReferenceRepository(uow.session).post(self.posts[code]).status.value

    def _raw(self, sql: str, *args) -> list[tuple]:
        """Rows read straight from the sqlite3 connection: these checks run often, the ORM costs more than them."""
        with self.engine.connect() as conn:
            return conn.connection.driver_connection.execute(sql, args).fetchall()

    def audit_since(self, after_id: int) -> list[Audited]:
        return [Audited(*row) for row in self._raw(
            "SELECT id, action, user_id, username, after_json FROM audit_log WHERE id > ? ORDER BY id", after_id)]

    def last_audit_id(self) -> int:
        return self._raw("SELECT coalesce(max(id), 0) FROM audit_log")[0][0]

    def refusals_since(self, after_id: int) -> list[dict]:
        return [json.loads(r.after_json) for r in self.audit_since(after_id) if r.action == "refused"]

    def snapshot(self) -> dict[str, list]:
        """Every row of every table but the audit trail (and the change log's notes of audit rows)."""
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            tables = [t for (t,) in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT IN ('audit_log', 'change_log')")]
            rows = {t: sorted(map(repr, raw.execute(f'SELECT * FROM "{t}"'))) for t in tables}
            rows["change_log"] = raw.execute("SELECT * FROM change_log WHERE table_name <> 'audit_log' "
                                             "ORDER BY seq").fetchall()
        return rows

    # ------------------------------------------------------------------------------ the services

    def record(self, incident: Incident, actor: Actor, **kw) -> Incident:
        return IncidentService(self.engine, self.settings).record(incident, actor=actor, **kw)

    def update(self, incident: Incident, actor: Actor) -> Incident:
        return IncidentService(self.engine, self.settings).update(incident, actor=actor)

    def delete(self, incident: Incident, actor: Actor) -> None:
        IncidentService(self.engine, self.settings).delete(incident.id, actor=actor)

    def verify(self, incident: Incident, actor: Actor, **kw) -> Incident:
        return VerificationService(self.engine, self.settings).verify(incident.id, actor=actor, **kw)

    def reject(self, incident: Incident, actor: Actor, reason: str = "Not a seizure", **kw) -> Incident:
        return VerificationService(self.engine, self.settings).reject(incident.id, reason, actor=actor, **kw)

    def reopen(self, incident: Incident, actor: Actor, **kw) -> Incident:
        return VerificationService(self.engine, self.settings).reopen(incident.id, actor=actor, **kw)

    def link(self, duplicate: Incident, original: Incident, actor: Actor) -> Incident:
        return DuplicateService(self.engine, self.settings).link(duplicate.id, original.id, actor=actor)

    def unlink(self, duplicate: Incident, actor: Actor, **kw) -> Incident:
        return DuplicateService(self.engine, self.settings).unlink(duplicate.id, actor=actor, **kw)

    def set_post_status(self, actor: Actor, status: str = "limited", reason: str = "Scanner under repair",
                        post: str = "KG-KSU"):
        return change_status(self.engine, self.posts[post], status, reason, actor=actor, settings=self.settings)

    def send(self, actor: Actor, alert: Alert | None = None) -> Alert:
        alert = alert or Alert("Truck heading your way", self.posts["KG-KSU"], self.posts["KG-DOS"])
        return send_alert(self.engine, alert, actor=actor, settings=self.settings)

    def acknowledge(self, alert: Alert, actor: Actor) -> Alert:
        return acknowledge_alert(self.engine, alert.id, actor=actor, settings=self.settings)

    def users(self) -> UserService:
        return UserService(self.engine, self.settings)

    def audit_entries(self, actor: Actor):
        return AuditService(self.engine, self.settings).entries(actor=actor)

    def authorize(self, action: Action, actor: Actor, post: str = "KG-KSU") -> None:
        authorize(self.engine, actor, action, post_id=self.posts[post], entity="post", entity_id=self.posts[post],
                  settings=self.settings)


@dataclass(frozen=True)
class Call:
    """An action as a desk takes it: `prepare` makes what it acts on (as the system, before the audit mark),
    `act` is the one service call as `actor`, `took_effect` says whether it happened."""

    prepare: Callable[[World], object]
    act: Callable[[World, Actor, object], object]
    took_effect: Callable[[World, object, object], bool]  # (world, prepared, what act returned)


def _nothing(w: World) -> None:
    return None


def _two(w: World) -> tuple[Incident, Incident]:
    return w.saved(), w.saved(minutes=5)


def _new_user(w: World, a: Actor, _):
    return w.users().add("newbie", Role.OPERATOR, None, actor=a)


def one_row_sheet(kind: str):
    """A one-row spreadsheet (CSV) and its mapping: an incident log of the home post, or a published figure."""
    import csv
    import tempfile

    from sitcentre.sheets import Mapping, MappingKind

    folder = Path(tempfile.mkdtemp(prefix="sitcentre-rules-"))
    if kind == "incidents":
        rows = [["Date", "Post", "Substance", "Quantity", "Unit"], ["01.05.2026", HOME_POST, "heroin", "2,5", "kg"]]
        mapping = Mapping(MappingKind.INCIDENTS, columns=tuple((h, f) for h, f in zip(
            rows[0], ("occurred_at", "post", "substance", "quantity", "unit"), strict=True)))
    else:
        rows = [["Country", "Year", "Drug group", "Kg"], ["KG", "2025", "Opiates", "1 234,5"]]
        mapping = Mapping(MappingKind.STATISTICS, columns=(("Country", "country"), ("Year", "period"),
                                                           ("Drug group", "group"), ("Kg", "quantity")),
                          defaults=(("unit", "kg"), ("source", "rules")))
    path = folder / f"{kind}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path, mapping


def _imported(w: World, a: Actor, prepared):
    from sitcentre.services.sheet_import import import_sheet

    path, mapping = prepared
    return import_sheet(w.engine, w.settings, path, mapping, actor=a)


def _set_red_hours(w: World, a: Actor, _):
    from sitcentre.services import site_settings

    return site_settings.set_value(w.engine, w.settings, "report_red_hours", "96", actor=a)


def _red_hours_set(w: World, _p, _r) -> bool:
    from sitcentre.services import site_settings

    return site_settings.stored(w.engine).get("report_red_hours") == "96"


def _authorized(action: Action) -> Call:
    """Actions whose services (or ui) call guard.authorize first: post management, exchange, brief export."""
    return Call(_nothing, lambda w, a, _: w.authorize(action, a), lambda w, p, r: True)


CALLS: dict[Action, Call] = {
    Action.INCIDENT_CREATE: Call(
        lambda w: w.incident(("hashish", 3, Unit.KG)), lambda w, a, new: w.record(new, a),
        lambda w, new, r: w.get(new.id) is not None),
    Action.INCIDENT_EDIT: Call(
        lambda w: w.saved(), lambda w, a, base: w.update(replace(base, narrative="corrected"), a),
        lambda w, base, r: w.get(base.id).narrative == "corrected"),
    Action.INCIDENT_DELETE: Call(
        lambda w: w.saved(), lambda w, a, base: w.delete(base, a), lambda w, base, r: w.get(base.id) is None),
    Action.INCIDENT_VERIFY: Call(
        lambda w: w.saved(), lambda w, a, base: w.verify(base, a),
        lambda w, base, r: w.get(base.id).status == St.VERIFIED),
    Action.INCIDENT_LINK_DUPLICATE: Call(
        _two, lambda w, a, pair: w.link(pair[1], pair[0], a),
        lambda w, pair, r: w.get(pair[1].id).duplicate_of == pair[0].id),
    Action.USER_MANAGE: Call(
        _nothing, _new_user,
        lambda w, p, r: any(u.username == "newbie" for u in w.users().list(actor=w.actors[Role.ADMIN]))),
    Action.AUDIT_VIEW: Call(lambda w: w.saved(), lambda w, a, _: w.audit_entries(a), lambda w, p, rows: len(rows) > 0),
    Action.POST_SET_STATUS: Call(_nothing, lambda w, a, _: w.set_post_status(a),
                                 lambda w, p, r: w.post_status() == "limited"),
    Action.ALERT_SEND: Call(_nothing, lambda w, a, _: w.send(a), lambda w, p, sent: sent.sent_by != ""),
    Action.ALERT_ACKNOWLEDGE: Call(lambda w: w.alert(), lambda w, a, alert: w.acknowledge(alert, a),
                                   lambda w, alert, done: done.acknowledged_by is not None),
    Action.SHEET_IMPORT_INCIDENTS: Call(lambda w: one_row_sheet("incidents"), _imported,
                                        lambda w, p, result: result.counts.added == 1),
    Action.SHEET_IMPORT_STATISTICS: Call(lambda w: one_row_sheet("statistics"), _imported,
                                         lambda w, p, result: result.counts.added == 1),
    Action.SETTINGS_MANAGE: Call(_nothing, _set_red_hours, _red_hours_set),
    **{action: _authorized(action) for action in (
        Action.POST_MANAGE, Action.EXCHANGE_IMPORT, Action.EXCHANGE_EXPORT, Action.EXCHANGE_RESOLVE_CONFLICT,
        Action.EXCHANGE_TRUST_KEY, Action.REPORT_EXPORT)},
}
