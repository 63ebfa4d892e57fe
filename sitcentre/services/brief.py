"""What the daily brief for management says, read from the database; brief_pdf.py draws it. No Qt here.

A day is the posts' local day (incidents.local_date; the rollups are keyed by it). Counted incidents are
the reported and verified ones (stats.COUNTED_STATUSES): drafts are not reported yet, rejected ones did
not happen as reported. With `verified_only`, the headline numbers, the chart and the largest seizures
count verified incidents only; the day's incident table still lists every counted incident with its status.
Verified-only figures also leave out verified incidents in conflict (issue 12: two versions were kept and a
supervisor has not chosen yet), and the brief says how many (`in_conflict_left_out`).

The 7- and 30-day averages are daily averages over the 7 and 30 days *before* the day, so the day is
compared with what came before it rather than with a window that contains it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sitcentre.db.errors import SitcentreDbError
from sitcentre.db.tables import DailyIncidents as DI
from sitcentre.db.tables import DailySeizures as DS
from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.db.tables import SubstanceRow as S
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.briefs import BriefInputError
from sitcentre.domain.enums import IncidentStatus, SubstanceGroup
from sitcentre.domain.i18n import N_, _t, number
from sitcentre.domain.records import Post, local_date, utcnow
from sitcentre.repositories.audit import AuditRepository
from sitcentre.repositories.incident_query import (
    LIST_COLUMNS,
    IncidentFilter,
    IncidentListRow,
    filter_clause,
    to_list_row,
)
from sitcentre.repositories.posts import PostRepository, PostSummary
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.repositories.stats import COUNTED_STATUSES, Series, SeriesRequest, StatsRepository, kg_sum
from sitcentre.settings import Settings

# The centre's clock decides what "yesterday" is: the setting declared once in sitcentre/settings.py.
CENTRE_UTC_OFFSET_MINUTES = Settings.centre_utc_offset_minutes
CHART_DAYS = 30  # the seizure chart and the largest seizures cover this many days, ending on the day
TABLE_LIMIT = 25  # incidents listed at most; on a busier day the largest ones, so the brief stays short
TOP_SEIZURES = 10
AVERAGE_DAYS = (7, 30)
VERIFIED, REPORTED = IncidentStatus.VERIFIED.value, IncidentStatus.REPORTED.value


class NothingToReport(SitcentreDbError):
    """The database holds no posts or no incidents at all: a brief of it would be empty."""


@dataclass(frozen=True)
class Headline:
    """One headline number of the day against the daily averages of the days before it."""

    key: str  # "incidents", "kg" (drugs, kg-equivalent), "precursors_kg" (precursor chemicals) or "persons"
    day: float  # as counted by the brief (verified only, or reported and verified)
    verified: float
    unverified: float  # reported, not verified yet
    avg_7: float
    avg_30: float

    def change(self, average: float) -> float | None:
        """The day against an average, as a fraction (0.25 = 25 % above); None when the average is 0."""
        return (self.day - average) / average if average else None


@dataclass(frozen=True)
class LargestSeizure:
    local_date: date
    post_name: str
    substance: str
    quantity: float
    unit: str
    kg: float
    basis: str
    status: str


@dataclass(frozen=True, eq=False)
class Brief:
    day: date
    verified_only: bool
    generated_at: datetime
    as_of: datetime  # post counts run to this moment: the end of the day (centre time) or now if earlier
    headlines: tuple[Headline, ...]
    chart: Series  # drugs' kg-equivalent per day by substance group (no precursors), CHART_DAYS days ending on the day
    incidents: tuple[IncidentListRow, ...]  # the day's counted incidents by local time (at most TABLE_LIMIT)
    incidents_total: int
    largest: tuple[LargestSeizure, ...]
    posts: tuple[PostSummary, ...]
    silent: tuple[Post, ...]  # posts with no incident on the day (drafts do not count as reporting)
    # verified only: verified incidents of the 30 days before the day and the day itself, in conflict, not counted
    in_conflict_left_out: int = 0
    # the audit trail's last row (id, hash) when the brief was read: printed so that a kept copy anchors the
    # trail (issue 14; `sitcentre audit anchor` makes a signed one); None while the trail is empty
    audit_head: tuple[int, str] | None = None
    centre_utc_offset_minutes: int = CENTRE_UTC_OFFSET_MINUTES  # the centre's clock the brief was made on

    @property
    def chart_from(self) -> date:
        return self.day - timedelta(days=CHART_DAYS - 1)

    def headline(self, key: str) -> Headline:
        return next(h for h in self.headlines if h.key == key)


def default_day(now: datetime | None = None, utc_offset_minutes: int = CENTRE_UTC_OFFSET_MINUTES) -> date:
    """Yesterday on the centre's clock: the last day that is over at the centre.

    Not the day before the latest post-local today (issue 10 asked to consider it): from 18:00 to 19:00 UTC
    that day is over at the UTC+6 posts but still running at the centre and at every UTC+5 post, so a
    brief of it would leave out what they report in their last hour and read as a quiet day. Nothing
    recent is lost this way: any day up to the latest post-local today can still be asked for
    (`sitcentre report --date`; _check_request refuses only later days)."""
    return local_date(now or utcnow(), utc_offset_minutes) - timedelta(days=1)


def parse_day(text: str) -> date:
    """A day written as YYYY-MM-DD; anything else is a BriefInputError in plain words."""
    try:
        if len(text.strip()) != 10:
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BriefInputError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-31") from None


def build_brief(engine: Engine, day: date, verified_only: bool = False, now: datetime | None = None,
                centre_utc_offset_minutes: int = CENTRE_UTC_OFFSET_MINUTES) -> Brief:
    """Everything the brief shows, read in one transaction. Run it off the GUI thread. The day ends at midnight
    on the centre's clock (`centre_utc_offset_minutes`, the installation's setting); the posts' status and last
    report are as they were then (the status history), not as they are now."""
    now = now or utcnow()
    with UnitOfWork(engine) as uow:
        session = uow.session
        posts = ReferenceRepository(session).posts()
        _check_request(session, posts, day, now)
        statuses = (VERIFIED,) if verified_only else COUNTED_STATUSES
        as_of = min(now, _end_of_day(day, centre_utc_offset_minutes))
        post_repo = PostRepository(session)
        then = {p.id: p for p in post_repo.as_they_were(posts, as_of)}
        incidents, total = _day_incidents(session, day)
        stats = StatsRepository(session)
        window = SeriesRequest(date_from=day - timedelta(days=max(AVERAGE_DAYS)), date_to=day,
                               verified_only=verified_only)
        left_out = stats.in_conflict(window)
        return Brief(
            day=day, verified_only=verified_only, generated_at=now, as_of=as_of,
            headlines=_headlines(session, day, statuses, left_out),
            chart=_drugs_only(stats.series(SeriesRequest(
                date_from=day - timedelta(days=CHART_DAYS - 1), date_to=day, split="group",
                verified_only=verified_only))),
            incidents=incidents, incidents_total=total,
            largest=_largest(session, day, statuses, left_out),
            posts=tuple(replace(s, post=then[s.post.id]) for s in post_repo.summaries(as_of)),
            silent=_silent(session, list(then.values()), day),
            in_conflict_left_out=stats.left_out(window, left_out),
            audit_head=AuditRepository(session).head(),
            centre_utc_offset_minutes=centre_utc_offset_minutes,
        )


def _drugs_only(series: Series) -> Series:
    """The chart of drugs: precursor chemicals (litres of acetic anhydride are no kilograms of heroin) are counted
    apart, in their own headline, as international reporting keeps them (issue 16)."""
    keep = [i for i, key in enumerate(series.keys or series.labels) if key != SubstanceGroup.PRECURSORS.value]
    if len(keep) == len(series.labels):
        return series
    return replace(series, labels=tuple(series.labels[i] for i in keep), values=series.values[keep],
                   keys=tuple(series.keys[i] for i in keep) if series.keys else ())


def _check_request(session: Session, posts: list[Post], day: date, now: datetime) -> None:
    if not posts or session.execute(select(I.id).limit(1)).first() is None:
        raise NothingToReport("The database holds no incidents yet, so there is nothing to report. "
                              "Record or import incidents first (or load demo data with 'sitcentre demo').")
    latest_today = local_date(now, max(p.utc_offset_minutes for p in posts))
    if day > latest_today:
        raise BriefInputError(f"{day.isoformat()} is in the future: no post has reached that day yet. "
                              f"Choose {latest_today.isoformat()} or an earlier day.")


def _end_of_day(day: date, utc_offset_minutes: int) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), UTC) - timedelta(minutes=utc_offset_minutes)


# ------------------------------------------------------------------------------------ headline numbers

def _headlines(session: Session, day: date, statuses: tuple[str, ...],
               left_out: list | tuple = ()) -> tuple[Headline, ...]:
    """Per day and status over the 30 days before the day and the day itself, from the rollups (the
    persons detained from incidents by their indexed local_date: no rollup holds them). `left_out`: the
    verified incidents in conflict that verified-only figures do not count (stats.in_conflict)."""
    since = day - timedelta(days=max(AVERAGE_DAYS))
    stats = StatsRepository(session)
    di, ds = stats.adjusted(DI, bool(left_out)), stats.adjusted(DS, bool(left_out))
    sources = {
        "incidents": (di.day, di.status, func.sum(di.incidents)),
        "kg": (ds.day, ds.status, kg_sum(ds.kg_mg)),  # drugs: precursor chemicals are counted apart (issue 16)
        "precursors_kg": (ds.day, ds.status, kg_sum(ds.kg_mg)),
        "persons": (I.local_date, I.status, func.sum(I.persons_detained)),
    }
    out = []
    for key, (day_col, status_col, amount) in sources.items():
        query = (select(day_col, status_col, amount)
                 .where(day_col >= since, day_col <= day, status_col.in_(COUNTED_STATUSES))
                 .group_by(day_col, status_col))
        if key in ("kg", "precursors_kg"):
            precursor = S.group == SubstanceGroup.PRECURSORS.value
            query = query.join(S, S.id == ds.substance_id).where(precursor if key == "precursors_kg" else ~precursor)
        if key == "persons" and left_out:
            query = query.where(I.id.not_in(list(left_out)))
        values = {(d, s): float(v or 0) for d, s, v in session.execute(query)}
        out.append(_headline(key, values, day, statuses))
    return tuple(out)


def _headline(key: str, values: dict[tuple[date, str], float], day: date, statuses: tuple[str, ...]) -> Headline:
    def counted(d: date) -> float:
        return sum(values.get((d, s), 0.0) for s in statuses)

    def average(days: int) -> float:
        return sum(counted(day - timedelta(days=i)) for i in range(1, days + 1)) / days

    return Headline(key=key, day=counted(day), verified=values.get((day, VERIFIED), 0.0),
                    unverified=values.get((day, REPORTED), 0.0), avg_7=average(7), avg_30=average(30))


# ------------------------------------------------------------------------------------------ tables

def _day_incidents(session: Session, day: date) -> tuple[tuple[IncidentListRow, ...], int]:
    """The day's counted incidents by the post's local time (posts keep different clocks, and a table of
    one local day reads in clock order); on a day with more than TABLE_LIMIT, the largest ones."""
    where = filter_clause(IncidentFilter(date_from=day, date_to=day, statuses=COUNTED_STATUSES))
    total = session.scalar(select(func.count()).select_from(I).where(where)) or 0
    query = (select(*LIST_COLUMNS).join(P, P.id == I.post_id).where(where)
             .order_by(I.total_kg.desc(), I.occurred_at, I.id).limit(TABLE_LIMIT))
    rows = [to_list_row(r, ()) for r in session.execute(query)]
    rows.sort(key=lambda r: (r.occurred_at + timedelta(minutes=r.utc_offset_minutes), r.post_name, r.id))
    return tuple(rows), int(total)


def _largest(session: Session, day: date, statuses: tuple[str, ...],
             left_out: list | tuple = ()) -> tuple[LargestSeizure, ...]:
    """The largest seizure lines of the CHART_DAYS days ending on the day (found through the incidents'
    local_date index, so the cost follows the number of incidents in the window, not the table size)."""
    query = (
        select(I.local_date, P.name, S.name, L.quantity, L.unit, L.kg_equivalent, L.basis, I.status)
        .select_from(L).join(I, I.id == L.incident_id).join(P, P.id == I.post_id).join(S, S.id == L.substance_id)
        .where(I.local_date >= day - timedelta(days=CHART_DAYS - 1), I.local_date <= day, I.status.in_(statuses))
        .order_by(L.kg_equivalent.desc(), I.local_date.desc()).limit(TOP_SEIZURES)
    )
    if left_out:
        query = query.where(I.id.not_in(list(left_out)))
    return tuple(LargestSeizure(*row) for row in session.execute(query))


def _silent(session: Session, posts: list[Post], day: date) -> tuple[Post, ...]:
    """Posts with no incident on the day. A rejected report is still a report; a draft is not sent yet."""
    query = select(DI.post_id).where(DI.day == day, DI.status != IncidentStatus.DRAFT.value).distinct()
    reported = set(session.scalars(query))
    return tuple(p for p in posts if p.id not in reported)


# ------------------------------------------------------------------- words and numbers as printed
# Every word the brief prints about the data, in one place, so a translation can replace them together.

HEADLINE = {"incidents": N_("Incidents"), "kg": N_("Drugs seized, kg-equivalent"),
            "precursors_kg": N_("Precursors seized, kg"), "persons": N_("Persons detained")}
KG_HEADLINES = ("kg", "precursors_kg")
KIND = {"drug_seizure": N_("Drug seizure"), "precursor_seizure": N_("Precursor seizure"), "weapons": N_("Weapons"),
        "smuggled_goods": N_("Smuggled goods"), "human_trafficking": N_("Human trafficking"), "other": N_("Other")}
STATUS = {"draft": N_("Draft"), "reported": N_("Reported"), "verified": N_("Verified"), "rejected": N_("Rejected")}
POST_STATUS = {"operational": N_("Operational"), "limited": N_("Limited"), "offline": N_("Offline")}
BASIS = {"estimated": N_("Estimated"), "weighed": N_("Weighed"), "counted": N_("Counted"),
         "lab_confirmed": N_("Lab confirmed")}
GROUPS = {"opiates": N_("Opiates"), "cannabis": N_("Cannabis"), "ats": N_("Amphetamine-type stimulants"),
          "cocaine": N_("Cocaine"), "nps": N_("New psychoactive substances"), "pharmaceuticals": N_("Pharmaceuticals"),
          "precursors": N_("Precursors")}
UNITS = {"kg": N_("kg"), "g": N_("g"), "l": N_("l"), "tablets": N_("tablets")}
# Months as a date prints them ("1 December 2026"; in Russian the genitive: "1 декабря 2026"), and abbreviated.
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
MONTHS_SHORT = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
                N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))


def word(table: dict[str, str], key: str) -> str:
    """The table's word for `key` in the language spoken now (the key itself when the table lacks it)."""
    return _t(table[key]) if key in table else key


def fmt_day(day: date, weekday: bool = False, short: bool = False) -> str:
    """12 May 2026, Tuesday 12 May 2026, or 12 May, in the language spoken now. Not strftime: Qt sets the C
    locale from the environment, and the brief must not switch language (or font coverage) with it."""
    if short:
        return _t("{day} {month}").format(day=day.day, month=_t(MONTHS_SHORT[day.month - 1]))
    text = _t("{day} {month} {year}").format(day=day.day, month=_t(MONTHS[day.month - 1]), year=day.year)
    return _t("{weekday} {date}").format(weekday=_t(WEEKDAYS[day.weekday()]), date=text) if weekday else text


def fmt_kg(value: float) -> str:
    """Two decimals with thousands separators: 1,234.50 (in Russian 1 234,50)."""
    return number(value, 2)


def fmt_count(value: float) -> str:
    return number(round(value))


def fmt_quantity(quantity: float, unit: str) -> str:
    """A quantity as recorded, without trailing zeros: 1,000 tablets, 0.5 kg, 10 l."""
    decimals = len(f"{quantity:.3f}".rstrip("0").split(".")[1])
    return f"{number(quantity, decimals)} {word(UNITS, unit)}"


def offset_text(minutes: int) -> str:
    """UTC+05:00, UTC+04:30."""
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def fmt_local(moment: datetime | None, utc_offset_minutes: int) -> str:
    """A UTC moment on a clock at the given offset, to the minute: 2026-05-12 23:30 ('' for none)."""
    if moment is None:
        return ""
    return (moment.astimezone(UTC) + timedelta(minutes=utc_offset_minutes)).strftime("%Y-%m-%d %H:%M")
