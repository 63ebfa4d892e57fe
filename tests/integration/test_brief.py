"""The daily brief: its numbers against hand-computed values on SQLite and PostgreSQL (local days, the 7- and
30-day averages, verified only), the PDF's text, and `sitcentre report` failing plainly on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, IncidentType, PostStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories.posts import PostRepository
from sitcentre.services.audit_chain import chain_head
from sitcentre.services.brief import BriefInputError, NothingToReport, build_brief, default_day, parse_day
from sitcentre.services.brief_pdf import export_brief
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc
from .test_cli import ROOT, assert_fails_plainly, cli_env, run_cli

DAY = date(2025, 4, 10)
NOW = utc(2025, 4, 20, 12)
V, R = IncidentStatus.VERIFIED, IncidentStatus.REPORTED


def _at(day: date, hour: int = 6, minute: int = 0):
    return utc(day.year, day.month, day.day, hour, minute)


def _before(days: int) -> date:
    return DAY - timedelta(days=days)


@pytest.fixture
def known(engine):
    """Incidents whose brief is easy to compute by hand (times in UTC; Termez, Kordai UTC+5, Dostuk UTC+6)."""
    posts, subs = ids(engine)
    record = IncidentService(engine, SETTINGS).record
    # The day: three counted incidents.
    record(incident(posts["UZ-TER"], _at(DAY, 18, 30), (subs["heroin"], 3, Unit.KG), (subs["hashish"], 500, Unit.G),
                    status=V, persons_detained=2), actor=SYSTEM)  # 23:30 local: still the day
    record(incident(posts["KG-DOS"], _at(_before(1), 18, 30), (subs["heroin"], 2, Unit.KG), persons_detained=1),
           actor=SYSTEM)
    record(incident(posts["KZ-KOR"], _at(DAY), (subs["tramadol"], 1000, "tablets")), actor=SYSTEM)  # 0.2 kg
    # The day, not counted: rejected (but the post did report) and a draft (not sent: the post did not report).
    record(incident(posts["KZ-KAR"], _at(DAY), (subs["heroin"], 50, Unit.KG), status=IncidentStatus.REJECTED,
                    persons_detained=5), actor=SYSTEM)
    record(incident(posts["UZ-OYB"], _at(DAY), (subs["heroin"], 7, Unit.KG), status=IncidentStatus.DRAFT), actor=SYSTEM)
    # 00:10 local on the next day at Termez: not the day.
    record(incident(posts["UZ-TER"], _at(DAY, 19, 10), (subs["heroin"], 4, Unit.KG)), actor=SYSTEM)
    # The days before: 7-day window is DAY-7..DAY-1, 30-day window DAY-30..DAY-1.
    record(incident(posts["KZ-KOR"], _at(_before(1)), (subs["opium"], 1, Unit.KG), status=V, persons_detained=3),
           actor=SYSTEM)
    record(incident(posts["KG-KRM"], _at(_before(2)), incident_type=IncidentType.WEAPONS, status=V,
                    persons_detained=4), actor=SYSTEM)
    record(incident(posts["UZ-TER"], _at(_before(7)), (subs["hashish"], 14, Unit.KG)), actor=SYSTEM)
    record(incident(posts["KG-DOS"], _at(_before(8)), (subs["cannabis_herb"], 8, Unit.KG), status=V), actor=SYSTEM)
    record(incident(posts["TJ-PPY"], _at(_before(30)), (subs["opium"], 30, Unit.KG), persons_detained=6), actor=SYSTEM)
    record(incident(posts["TJ-PPY"], _at(_before(31)), (subs["opium"], 100, Unit.KG)), actor=SYSTEM)
    return engine


def _numbers(brief) -> dict[str, tuple[float, ...]]:
    return {h.key: (h.day, h.verified, h.unverified, h.avg_7, h.avg_30) for h in brief.headlines}


def test_the_headline_numbers_count_the_local_day_against_the_days_before_it(known):
    brief = build_brief(known, DAY, now=NOW)
    assert _numbers(brief) == {
        "incidents": pytest.approx((3, 1, 2, 3 / 7, 5 / 30)),
        "kg": pytest.approx((5.7, 3.5, 2.2, 15 / 7, 53 / 30)),
        "precursors_kg": pytest.approx((0, 0, 0, 0, 0)),
        "persons": pytest.approx((3, 2, 1, 7 / 7, 13 / 30)),
    }


def test_precursor_seizures_are_counted_apart_and_change_no_drug_figure(known, tmp_path):
    """Issue 16: litres of acetic anhydride are not added to kilograms of heroin, in the numbers or the chart."""
    before = build_brief(known, DAY, now=NOW)
    posts, subs = ids(known)
    IncidentService(known, SETTINGS).record(incident(
        posts["UZ-TER"], _at(DAY), (subs["acetic_anhydride"], 400, "l"),
        incident_type=IncidentType.PRECURSOR_SEIZURE), actor=SYSTEM)
    after = build_brief(known, DAY, now=NOW)
    assert _numbers(after)["kg"] == _numbers(before)["kg"]
    assert after.headline("precursors_kg").day > 0 and _numbers(before)["precursors_kg"][0] == 0
    assert "precursors" not in after.chart.labels + after.chart.keys
    assert after.chart.values.sum() == pytest.approx(before.chart.values.sum())
    assert _numbers(after)["incidents"][0] == _numbers(before)["incidents"][0] + 1  # still an incident of the day
    out = tmp_path / "brief.pdf"
    export_brief(known, DAY, out, now=NOW, actor=SYSTEM, settings=SETTINGS)
    text = _pdf_text(out)
    assert "DRUGS SEIZED, KG-EQUIVALENT" in text
    assert "Precursor chemicals, counted apart from drugs: 400.00 kg-equivalent on the day" in text


def test_verified_only_counts_verified_incidents_in_the_numbers_the_chart_and_the_largest_seizures(known):
    brief = build_brief(known, DAY, verified_only=True, now=NOW)
    assert _numbers(brief) == {
        "incidents": pytest.approx((1, 1, 2, 2 / 7, 3 / 30)),
        "kg": pytest.approx((3.5, 3.5, 2.2, 1 / 7, 9 / 30)),
        "precursors_kg": pytest.approx((0, 0, 0, 0, 0)),
        "persons": pytest.approx((2, 2, 1, 7 / 7, 7 / 30)),
    }
    assert brief.chart.values.sum() == pytest.approx(12.5)
    assert [s.kg for s in brief.largest] == pytest.approx([8, 3, 1, 0.5])
    assert len(brief.incidents) == 3, "the day's table still lists every counted incident, with its status"


def test_the_chart_is_kg_per_day_by_substance_group_over_the_30_days_ending_on_the_day(known):
    chart = build_brief(known, DAY, now=NOW).chart
    assert len(chart.periods) == 30
    assert chart.periods[0] == np.datetime64(_before(29)) and chart.periods[-1] == np.datetime64(DAY)
    by_group = dict(zip(chart.labels, chart.values))
    assert by_group["opiates"][-1] == pytest.approx(5.0)
    assert by_group["cannabis"][-1] == pytest.approx(0.5)
    assert by_group["pharmaceuticals"][-1] == pytest.approx(0.2)
    assert by_group["cannabis"][-8] == pytest.approx(14.0) and by_group["cannabis"][-9] == pytest.approx(8.0)
    assert chart.values.sum() == pytest.approx(28.7), "DAY-30 is outside the chart; rejected and drafts left out"


def test_the_tables_list_the_days_incidents_the_largest_seizures_and_the_silent_posts(known):
    brief = build_brief(known, DAY, now=NOW)
    assert [(r.post_name, r.total_kg, r.status.value) for r in brief.incidents] == [
        ("BLO Dostuk", pytest.approx(2.0), "reported"),  # 00:30 local, the earliest
        ("BLO Kordai", pytest.approx(0.2), "reported"),
        ("BLO Termez", pytest.approx(3.5), "verified"),  # 23:30 local
    ]
    assert brief.incidents_total == 3
    assert [(s.substance, s.kg, s.local_date) for s in brief.largest] == [
        ("Hashish (cannabis resin)", pytest.approx(14), _before(7)), ("Cannabis herb", pytest.approx(8), _before(8)),
        ("Heroin", pytest.approx(3), DAY), ("Heroin", pytest.approx(2), DAY), ("Opium", pytest.approx(1), _before(1)),
        ("Hashish (cannabis resin)", pytest.approx(0.5), DAY), ("Tramadol (tablets)", pytest.approx(0.2), DAY),
    ]
    silent = {p.name for p in brief.silent}
    assert len(silent) == 11 and "BLO Oybek" in silent and "BLO Ishkashim" in silent
    assert not silent & {"BLO Termez", "BLO Dostuk", "BLO Kordai", "BLO Karkyra"}
    summaries = {s.post.name: s for s in brief.posts}
    assert len(summaries) == 15
    assert brief.as_of == utc(2025, 4, 10, 19)  # the end of the day on the centre's clock (UTC+5)
    assert summaries["BLO Termez"].incidents_24h == 1, "the 00:10 incident of the next day is after the brief"


def _status_change(engine, code: str, at, old: PostStatus, new: PostStatus, reason: str = "") -> None:
    """A change of a post's status made at `at` (the status service stamps the present moment)."""
    with UnitOfWork(engine, write=True) as uow:
        repo = PostRepository(uow.session)
        post_id = ids(engine)[0][code]
        repo.add_history(post_id, at, old, new, reason, "test")
        repo.set_status(post_id, new, reason, at)
        uow.commit()


def test_the_post_status_is_the_one_of_the_briefs_day_from_the_history(known):
    """Issue 16: a brief of a past day shows each post as it was then, not as it is now."""
    _status_change(known, "KZ-KOR", _at(_before(3)), PostStatus.OPERATIONAL, PostStatus.OFFLINE, "road flooded")
    _status_change(known, "KZ-KOR", _at(DAY + timedelta(days=2)), PostStatus.OFFLINE, PostStatus.OPERATIONAL)
    _status_change(known, "KG-DOS", utc(2025, 4, 10, 20), PostStatus.OPERATIONAL, PostStatus.LIMITED, "after the day")
    brief = build_brief(known, DAY, now=NOW)
    then = {s.post.code: s.post for s in brief.posts}
    assert (then["KZ-KOR"].status, then["KZ-KOR"].status_reason) == (PostStatus.OFFLINE, "road flooded")
    assert then["KZ-KOR"].status_since == _at(_before(3))
    assert then["KG-DOS"].status == PostStatus.OPERATIONAL  # changed at 20:00 UTC, after the day ended (19:00)
    assert then["UZ-TER"].status == PostStatus.OPERATIONAL  # no history: as recorded
    assert all(p.last_report_at is None or p.last_report_at <= brief.as_of for p in then.values())
    later = build_brief(known, DAY + timedelta(days=3), now=NOW)
    now_then = {s.post.code: s.post for s in later.posts}
    assert now_then["KZ-KOR"].status == PostStatus.OPERATIONAL and now_then["KG-DOS"].status == PostStatus.LIMITED


def test_the_day_ends_at_midnight_on_the_configured_centre_clock(known, tmp_path):
    assert build_brief(known, DAY, now=NOW).as_of == utc(2025, 4, 10, 19)
    assert build_brief(known, DAY, now=NOW, centre_utc_offset_minutes=360).as_of == utc(2025, 4, 10, 18)
    out = tmp_path / "brief.pdf"
    export_brief(known, DAY, out, now=NOW, actor=SYSTEM, settings=replace(SETTINGS, centre_utc_offset_minutes=360))
    text = _pdf_text(out)
    assert "UTC+06:00" in text and "UTC+05:00" not in text


def test_a_busy_day_lists_its_largest_incidents_in_time_order(engine, monkeypatch):
    import sitcentre.services.brief as brief_module

    posts, subs = ids(engine)
    for i, kg in enumerate([1, 5, 2, 9, 3]):
        IncidentService(engine, SETTINGS).record(
            incident(posts["KZ-KOR"], _at(DAY, i + 1), (subs["heroin"], kg, Unit.KG)), actor=SYSTEM)
    monkeypatch.setattr(brief_module, "TABLE_LIMIT", 3)
    brief = build_brief(engine, DAY, now=NOW)
    assert brief.incidents_total == 5
    assert [r.total_kg for r in brief.incidents] == pytest.approx([5, 9, 3])


def test_a_day_in_the_future_is_refused_but_today_at_the_easternmost_post_is_not(known):
    evening = utc(2025, 4, 20, 18, 30)  # 00:30 on 21 April at Dostuk (UTC+6), 23:30 on the 20th at UTC+5
    build_brief(known, date(2025, 4, 21), now=evening)
    with pytest.raises(BriefInputError, match="in the future"):
        build_brief(known, date(2025, 4, 22), now=evening)


def test_a_database_without_incidents_has_nothing_to_report(engine):
    with pytest.raises(NothingToReport, match="no incidents"):
        build_brief(engine, DAY, now=NOW)


def test_dates_are_read_strictly_and_the_default_is_yesterday_on_the_centres_clock():
    assert parse_day("2025-04-10") == DAY
    for bad in ("2025-02-30", "10.04.2025", "2025-4-1", "", "yesterday"):
        with pytest.raises(BriefInputError, match="YYYY-MM-DD"):
            parse_day(bad)
    assert default_day(utc(2025, 4, 10, 18, 59)) == date(2025, 4, 9)
    assert default_day(utc(2025, 4, 10, 19, 0)) == date(2025, 4, 10)  # midnight at UTC+5


# ------------------------------------------------------------------------------------------------ PDF

def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def out(tmp_path) -> Path:
    """An empty folder for the PDFs (the SQLite file of the test lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_the_pdf_holds_the_headline_numbers_an_incident_and_the_posts_that_did_not_report(known, out):
    result = export_brief(known, DAY, out / "brief.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS)
    assert result.path == out / "brief.pdf" and 1 <= result.pages <= 2
    assert [p.name for p in out.iterdir()] == ["brief.pdf"], "no temporary file is left behind"
    text = _pdf_text(result.path)
    assert "Daily brief: Thursday 10 April 2025" in text
    for expected in ("5.70 kg", "verified 3.50", "not yet verified 2.20",  # kg-equivalent of the day
                     "7-day daily average 2.14", "30-day daily average 1.77",
                     "7-day daily average 0.4", "30-day daily average 0.2",  # incidents: 3/7, 5/30
                     "7-day daily average 1.0", "30-day daily average 0.4"):  # persons: 7/7, 13/30
        assert expected in text, expected
    assert "23:30" in text and "BLO Termez" in text and "Hashish (cannabis resin)" in text
    not_reported = text[text.index("Posts that did not report"):]
    for name in ("BLO Oybek", "BLO Ishkashim", "BLO Panji Poyon"):
        assert name in not_reported
    assert "BLO Kordai" not in not_reported


def test_every_page_of_the_pdf_prints_the_audit_trail_head_read_with_the_brief(known, out):
    head_id, head_hash = chain_head(known)
    result = export_brief(known, DAY, out / "brief.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS)
    assert result.brief.audit_head == (head_id, head_hash)
    text = _pdf_text(result.path)
    line = f"Audit trail head: row #{head_id}, hash {head_hash[:16]}"
    assert text.count(line) == result.pages, text
    assert chain_head(known)[0] > head_id  # the export's own audit row comes after the head it printed


@pytest.mark.parametrize("backend", ["sqlite"])
def test_without_a_font_file_the_brief_falls_back_to_the_standard_pdf_font(known, out, monkeypatch):
    import sitcentre.services.brief_pdf as brief_pdf

    monkeypatch.setattr(brief_pdf, "_fonts", lambda: ("Helvetica", "Helvetica-Bold"))
    text = _pdf_text(export_brief(known, DAY, out / "plain.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS).path)
    assert "5.70 kg" in text and "verified 3.50 · not yet verified 2.20" in text and "BLO Ishkashim" in text


def test_the_verified_only_pdf_says_so(known, tmp_path):
    text = _pdf_text(export_brief(known, DAY, tmp_path / "v.pdf", verified_only=True, now=NOW,
                                  actor=SYSTEM, settings=SETTINGS).path)
    assert "VERIFIED ONLY" in text and "3.50 kg" in text


def test_a_failed_export_leaves_neither_a_partial_file_nor_a_temporary_one(known, out, monkeypatch):
    import sitcentre.services.brief_pdf as brief_pdf

    def half_written(_brief, stream, _language="en"):
        stream.write(b"%PDF-1.4 half a document")
        raise OSError(28, "No space left on device")

    target = out / "brief.pdf"
    target.write_bytes(b"yesterday's brief")
    monkeypatch.setattr(brief_pdf, "render", half_written)
    with pytest.raises(BriefInputError, match="disk is full"):
        export_brief(known, DAY, target, now=NOW, replace=True,
                     actor=SYSTEM, settings=SETTINGS)  # allowed to replace; fails while rendering
    assert target.read_bytes() == b"yesterday's brief", "the old file stays as it was"
    assert [p.name for p in out.iterdir()] == ["brief.pdf"]


def test_an_output_folder_that_does_not_exist_is_refused_before_reading_anything(known, tmp_path):
    with pytest.raises(BriefInputError, match="does not exist"):
        export_brief(known, DAY, tmp_path / "missing" / "brief.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS)
    with pytest.raises(BriefInputError, match="is a folder"):
        export_brief(known, DAY, tmp_path, now=NOW, actor=SYSTEM, settings=SETTINGS)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_busy_day_on_top_of_demo_data_still_fits_on_two_pages(engine, out):
    from sitcentre.services.demo import seed_incidents

    seed_incidents(engine, 3000, seed=4, end=utc(2025, 4, 11))
    posts, subs = ids(engine)
    codes, substances = sorted(posts), sorted(subs)
    for i in range(45):
        lines = [(subs[substances[(i + k) % len(substances)]], 1 + i % 7, Unit.KG) for k in range(1 + i % 3)]
        IncidentService(engine, SETTINGS).record(
            incident(posts[codes[i % len(codes)]], _at(DAY, 2 + i % 12, i), *lines), actor=SYSTEM)
    result = export_brief(engine, DAY, out / "busy.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS)
    assert result.pages <= 2 and result.brief.incidents_total >= 45 and len(result.brief.incidents) == 25
    assert "The 25 largest of" in _pdf_text(result.path)


# ------------------------------------------------------------------------------------------------ CLI
# The command is the user's way in: run it as a real process, on SQLite (the code under it is the same).

@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_report_command_writes_the_pdf_and_says_where(known, tmp_path):
    result = run_cli(tmp_path, "--db", known.url.render_as_string(hide_password=False), "report",
                     "--date", DAY.isoformat(), "--out", "brief.pdf")
    assert result.returncode == 0, result.stderr
    pages = len(PdfReader(tmp_path / "brief.pdf").pages)
    assert result.stdout.strip() == f"{tmp_path / 'brief.pdf'}: daily brief for 2025-04-10 " \
                                    f"({pages} page{'s' if pages > 1 else ''})"
    assert "5.70 kg" in _pdf_text(tmp_path / "brief.pdf")


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(("args", "words"), [
    (["--date", "2025-02-30", "--out", "b.pdf"], "'2025-02-30' is not a date"),
    (["--date", "10.04.2025", "--out", "b.pdf"], "YYYY-MM-DD"),
    (["--date", "2099-01-01", "--out", "b.pdf"], "in the future"),
    (["--date", DAY.isoformat(), "--out", "missing/b.pdf"], "does not exist"),
    (["--date", DAY.isoformat(), "--out", "."], "is a folder"),
    (["--date", DAY.isoformat(), "--out", "file/b.pdf"], "is a file, not a folder"),
])
def test_bad_report_input_is_one_plain_line_and_exit_code_3(known, tmp_path, args, words):
    (tmp_path / "file").write_text("not a folder")
    result = run_cli(tmp_path, "--db", known.url.render_as_string(hide_password=False), "report", *args)
    assert_fails_plainly(result, 3, words)
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".pdf", ".part")], "no file, whole or partial"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_database_without_incidents_is_a_database_problem(engine, tmp_path):
    result = run_cli(tmp_path, "--db", engine.url.render_as_string(hide_password=False), "report",
                     "--date", DAY.isoformat(), "--out", "b.pdf")
    assert_fails_plainly(result, 2, "no incidents")
    assert not (tmp_path / "b.pdf").exists()


def test_a_database_without_a_schema_is_a_database_problem(tmp_path):
    result = run_cli(tmp_path, "--db", f"sqlite:///{tmp_path / 'new.sqlite'}", "report", "--date", "2025-04-10",
                     "--out", "b.pdf")
    assert_fails_plainly(result, 2, "sitcentre db upgrade")
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_report_command_never_loads_qt(known, tmp_path):
    script = ("import json, sys\nfrom sitcentre.cli import main\n"
              f"code = main(['--db', {known.url.render_as_string(hide_password=False)!r}, 'report', '--date', "
              f"'{DAY.isoformat()}', '--out', {str(tmp_path / 'b.pdf')!r}])\n"
              "print(json.dumps([code, sorted(m for m in sys.modules if m.split('.')[0] in "
              "('PySide6', 'shiboken6', 'pyqtgraph'))]))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=cli_env(tmp_path), capture_output=True,
                            text=True, timeout=120, check=False)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [0, []], result.stderr
