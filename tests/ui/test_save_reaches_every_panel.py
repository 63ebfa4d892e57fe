"""Issue 11, "done when": an incident saved in the form appears in the table, the post card and the charts at
once, through the change hub (the workstation runs without the live feed here, so nothing else could tell
the panels); one written by another process still appears, through the live feed."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from sitcentre.domain.permissions import SYSTEM
from tests.ui.form_helpers import post_id, save_and_wait, substance_id
from tests.ui.stations import make_station
from ui.incidents.incident_form import IncidentForm

TIMEOUT_MS = 15_000


def _kg_charted(ws) -> float:
    return float(ws.charts.data.series.values.sum()) if ws.charts.data is not None else -1.0


def _card(ws, code: str):
    board = ws.post_views.posts.board
    reference = ws.reference
    return None if board is None else board.card(post_id(reference, code))


def _fill(form: IncidentForm, reference, kg: float) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    form.post.set_post_id(post_id(reference, "KG-DOS"))
    form.occurred_at.set_value(now - timedelta(hours=1))
    form.reported_at.set_value(now - timedelta(minutes=50))
    row = form.lines_editor.rows[0]
    row.substance.setCurrentIndex(row.substance.findData(substance_id(reference, "heroin")))
    row.quantity.setValue(kg)


def test_an_incident_saved_in_the_form_reaches_the_table_the_post_card_and_the_charts_at_once(qtbot, engine):
    ws = make_station(qtbot, engine, SYSTEM)
    qtbot.waitUntil(lambda: ws.charts.data is not None and _card(ws, "KG-DOS") is not None, timeout=TIMEOUT_MS)
    rows_before, kg_before = ws.panel.count, _kg_charted(ws)
    card_before = _card(ws, "KG-DOS").summary

    form = ws._open_form(None)
    _fill(form, ws.reference, 7.5)
    save_and_wait(qtbot, form)

    qtbot.waitUntil(lambda: ws.panel.count == rows_before + 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: _card(ws, "KG-DOS").summary.incidents_24h == card_before.incidents_24h + 1,
                    timeout=TIMEOUT_MS)
    assert abs(_card(ws, "KG-DOS").summary.kg_30d - (card_before.kg_30d + 7.5)) < 1e-6
    qtbot.waitUntil(lambda: abs(_kg_charted(ws) - (kg_before + 7.5)) < 1e-6, timeout=TIMEOUT_MS)
    assert ws.live is None  # no live feed: the write's own changes did it
    ws.shutdown()


def test_an_incident_written_by_another_process_reaches_the_table_through_the_live_feed(qtbot, engine, db_url):
    ws = make_station(qtbot, engine, SYSTEM)
    ws._start_live()
    qtbot.waitUntil(lambda: ws.live is not None and ws.live.is_live, timeout=TIMEOUT_MS)
    rows_before = ws.panel.count
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from datetime import UTC, datetime, timedelta\n"
        "from sitcentre.backend import Backend\n"
        "from sitcentre.db.engine import make_engine\n"
        "from sitcentre.domain.enums import Unit\n"
        "from sitcentre.domain.records import Incident, SeizureLine\n"
        "from sitcentre.settings import Settings\n"
        "settings = Settings(data_dir=Path(sys.argv[2]))\n"
        "desk = Backend(make_engine(sys.argv[1], settings), settings).system_desk('other-process')\n"
        "ref = desk.reference.load()\n"
        "post = next(p for p in ref.posts if p.code == 'KG-DOS')\n"
        "sub = next(s for s in ref.substances if s.code == 'heroin')\n"
        "now = datetime.now(UTC)\n"
        "desk.incidents.record(Incident(post_id=post.id, occurred_at=now - timedelta(hours=2),\n"
        "    reported_at=now - timedelta(hours=1), lines=(SeizureLine(sub.id, 2.0, Unit.KG),)))\n"
    )
    subprocess.run([sys.executable, "-c", script, db_url, str(ws.desk.settings.data_dir)], check=True, timeout=120)
    qtbot.waitUntil(lambda: ws.panel.count == rows_before + 1, timeout=TIMEOUT_MS)
    ws.shutdown()
