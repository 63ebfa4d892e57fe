"""The post status summary and the change feed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories.posts import SPARK_DAYS, PostRepository
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc

NOW = utc(2025, 6, 10, 12)


def test_post_summaries_count_recent_incidents_and_kg(engine):
    posts, subs = ids(engine)
    record = IncidentService(engine, SETTINGS).record
    record(incident(posts["TJ-PPY"], NOW - timedelta(hours=2), (subs["heroin"], 4, Unit.KG)), actor=SYSTEM)
    record(incident(posts["TJ-PPY"], NOW - timedelta(days=3), (subs["opium"], 6, Unit.KG)), actor=SYSTEM)
    record(incident(posts["TJ-PPY"], NOW - timedelta(days=20), (subs["opium"], 10, Unit.KG)), actor=SYSTEM)
    record(incident(posts["TJ-PPY"], NOW - timedelta(hours=5), (subs["heroin"], 99, Unit.KG),
                    status=IncidentStatus.REJECTED), actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        summaries = {s.post.code: s for s in PostRepository(uow.session).summaries(now=NOW)}
    assert len(summaries) == 15
    ppy = summaries["TJ-PPY"]
    assert (ppy.incidents_24h, ppy.incidents_7d) == (1, 2)
    assert ppy.kg_30d == pytest.approx(20.0)
    assert len(ppy.daily_kg_30d) == SPARK_DAYS
    assert ppy.daily_kg_30d[-1] == pytest.approx(4.0) and ppy.daily_kg_30d[-4] == pytest.approx(6.0)
    assert ppy.post.last_report_at == NOW - timedelta(hours=2)
    assert ppy.hours_since_report(NOW) == pytest.approx(2.0)
    quiet = summaries["KZ-KOR"]
    assert (quiet.incidents_24h, quiet.incidents_7d, quiet.kg_30d) == (0, 0, 0.0)
    assert quiet.hours_since_report(NOW) is None
