"""The desk's exchange status (issue 13): where this installation and its records stand in the exchange.

For the status bar (`summary`), the incident form (`changed_at_centre`), the post cards (`post_exchange`, also
folded into the post board) and anyone asking about some records (`record_states`). Reads only, no Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sitcentre.backend.noun import Noun
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.posts import PostExchange
from sitcentre.domain.queries import ExchangeSummary
from sitcentre.domain.records import utcnow
from sitcentre.repositories import exchange_state, exchange_summary
from sitcentre.repositories.installation import InstallationRepository


class ExchangeStatus(Noun):
    def summary(self, now: datetime | None = None) -> ExchangeSummary:
        """Role, what is not yet sent or confirmed (a post), when the centre was last heard from, the reference
        data's age, open conflicts, entries held and in error. At a centre the per-record counts are not made
        (they would read every incident): its status bar shows the open conflicts."""
        now = now or utcnow()
        with UnitOfWork(self.engine) as uow:
            session = uow.session
            me = InstallationRepository(session).current()
            if me is None:
                return ExchangeSummary(role=None)
            waiting = exchange_summary.waiting_by_sender(session, me.origin_code).values()
            held, errors = sum(w["held"] for w in waiting), sum(w["error"] for w in waiting)
            if me.role != "post":
                return ExchangeSummary(role=me.role, origin=me.origin_code, held=held, errors=errors,
                                       open_conflicts=exchange_summary.open_conflicts(session, hard_only=True))
            counts = exchange_state.counts(session)
            age = None if me.refdata_at is None else max((now - me.refdata_at).days, 0)
            stale = age is None or age > self.settings.refdata_stale_days
            return ExchangeSummary(
                role=me.role, origin=me.origin_code, unsent=counts["local"], unconfirmed=counts["exported"],
                last_heard=exchange_summary.last_heard(session, me.origin_code), refdata_at=me.refdata_at,
                refdata_age_days=age, refdata_stale=stale, held=held, errors=errors,
                open_conflicts=exchange_summary.open_conflicts(session, hard_only=False))

    def record_states(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """exchange_state's state of each incident named (local, exported, confirmed, conflict, held, error)."""
        with UnitOfWork(self.engine) as uow:
            return exchange_state.states(uow.session, list(ids))

    def changed_at_centre(self, incident_id: uuid.UUID) -> bool:
        """At a post: the centre changed this record while our edit was not yet confirmed (its version is kept
        beside ours, flagged; the centre decides). Always False at a centre."""
        with UnitOfWork(self.engine) as uow:
            me = InstallationRepository(uow.session).current()
            return me is not None and me.role == "post" and exchange_summary.flagged(uow.session, incident_id)

    def post_exchange(self) -> dict[int, PostExchange]:
        """At a centre, post id -> its last bundle received, entries held and in error (the cards show them)."""
        with UnitOfWork(self.engine) as uow:
            me = InstallationRepository(uow.session).current()
            if me is None or me.role != "centre":
                return {}
            return exchange_summary.post_exchange(uow.session, me.origin_code)
