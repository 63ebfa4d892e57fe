"""`sitcentre demo --exchange FOLDER`: two posts on each side of one border, each with its country's centre,
ready to exchange.

Made the way people make them, through the services (no shortcuts into the tables but one, the demo's extra
post): each centre (KZC for Kazakhstan in centre.sqlite, KGC for Kyrgyzstan in centre-kg.sqlite) is migrated,
given the reference data and its accounts, and writes a seed bundle for its post; the post is set up from its
seed (reference data, its accounts, the centre's key) and its key file is trusted at the centre. The two centres
trust each other's keys and are each other's peer under the default sharing policy (docs/exchange.md, "Between
countries"). Then a day of work, signed in with the demo accounts:

- Kordai (KZ-KOR, post-kz.sqlite) records three incidents; they go to KZC and its bundle comes back, so they are
  confirmed. Offline since: the post corrects the narrative of the first one (and the number detained) and
  records a fourth; KZC's supervisor corrects the same narrative differently. The next bundle from Kordai makes
  a conflict at KZC: the README's walk-through.
- Ak-Zhol (KG-AKZ, post-kg.sqlite), the Kyrgyz side of the same crossing, records two incidents, exchanged the
  same way with KGC, and one more not yet sent.

`exchange/` is left empty: the folder the walk-through exports into and imports from. The folder must be empty
(or, with force, hold none of the files this makes): nothing is ever overwritten.

`make_centre` and `add_post` are the set-up alone, for the full-loop UI test (a centre on PostgreSQL).
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import PostRow, SubstanceRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Direction, TransportMode, Unit
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import Incident, SeizureLine, border_of
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import installation, keys, peers, seed
from sitcentre.services.auth import authenticate
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.exchange_export import export_bundle
from sitcentre.services.exchange_import import ImportSummary, import_file
from sitcentre.services.incidents import IncidentService
from sitcentre.services.numbering import fill_number_prefixes
from sitcentre.services.users import UserService
from sitcentre.settings import Settings, sqlite_url

CENTRE_ORIGIN, KG_CENTRE_ORIGIN = "KZC", "KGC"
KZ_POST, KG_POST = "KZ-KOR", "KG-AKZ"
CENTRE_FILE, KG_CENTRE_FILE = "centre.sqlite", "centre-kg.sqlite"
KZ_FILE, KG_FILE, EXCHANGE_FOLDER = "post-kz.sqlite", "post-kg.sqlite", "exchange"
DATABASES = (CENTRE_FILE, KZ_FILE, KG_CENTRE_FILE, KG_FILE)
PASSWORD = "demo-exchange"  # throwaway databases; printed with the next steps
SYSTEM = Actor.system_actor("demo-exchange")
# The Kyrgyz side of the Kordai crossing: the programme's reference list has no Kyrgyz post on the KZ border.
AK_ZHOL = dict(code=KG_POST, name="BLO Ak-Zhol", crossing="Ak-Zhol / Kordai", country_code="KG",
               counterpart_country_code="KZ", border=border_of("KG", "KZ"), latitude=42.88, longitude=74.62,
               utc_offset_minutes=360, status="operational", status_reason="")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    post: str | None  # the post it belongs to (travels in that post's seed); None: the centre's
    where: str  # the database file it is meant for
    centre: str = CENTRE_ORIGIN  # the centre that makes it

    @property
    def password(self) -> str:
        return PASSWORD


ACCOUNTS = (
    DemoAccount("supervisor", "supervisor", None, CENTRE_FILE),
    DemoAccount("operator", "operator", None, CENTRE_FILE),
    DemoAccount("kordai", "operator", KZ_POST, KZ_FILE),
    DemoAccount("supervisor", "supervisor", None, KG_CENTRE_FILE, KG_CENTRE_ORIGIN),
    DemoAccount("akzhol", "operator", KG_POST, KG_FILE, KG_CENTRE_ORIGIN),
)


class DemoFolderRefused(ValueError):
    """The folder cannot take the demo as asked (not empty, or a file of the demo already there)."""


@dataclass(frozen=True)
class ExchangeDemo:
    folder: Path
    centres: dict[str, Path]  # centre origin -> its database file
    posts: dict[str, Path]  # post code -> its database file
    exchange: Path
    accounts: tuple[DemoAccount, ...]
    conflicted: str  # the number of the incident edited at both ends
    unsent: dict[str, int]  # post code -> incidents (or edits) not yet sent to the centre


# ------------------------------------------------------------------------------------------------ the set-up

def make_centre(url: str, settings: Settings, origin: str = CENTRE_ORIGIN) -> Engine:
    """A new centre: migrated, reference data (with Ak-Zhol), `install init --role centre`, its demo accounts."""
    engine = make_engine(url, settings)
    migrate.upgrade(engine, backup=False)
    seed_reference_data(engine)
    _add_ak_zhol(engine)
    installation.init(engine, "centre", origin, SYSTEM)
    users = UserService(engine, settings)
    for account in ACCOUNTS:
        if account.centre == origin:
            users.add(account.username, account.role, PASSWORD, post_code=account.post, actor=SYSTEM)
    return engine


def make_peers(a: Engine, b: Engine, work: Path) -> None:
    """Two centres of different countries: each trusts the other's key file and makes it a peer under the
    default sharing policy (`keys export`, `keys trust`, `install peer --origin`)."""
    work.mkdir(parents=True, exist_ok=True)
    for me, other in ((a, b), (b, a)):
        key = keys.export_key_file(other, work / f"centre-{uuid.uuid4().hex[:8]}.key")
        info = keys.trust(me, keys.read_key_file(key.read_bytes()), actor=SYSTEM)
        peers.set_peer(me, info.origin, actor=SYSTEM)


def add_post(centre: Engine, url: str, code: str, settings: Settings, work: Path) -> Engine:
    """A post's new database set up from the centre's seed (its accounts come with it), and its key trusted at
    the centre: `install seed`, `install init --seed`, `keys export`, `keys trust`. `work` keeps the files."""
    work.mkdir(parents=True, exist_ok=True)
    path = seed.write_seed(centre, post=code, out=work / f"seed-{code}.scb", actor=SYSTEM)
    engine = make_engine(url, settings)
    migrate.upgrade(engine, backup=False)
    seed.init_from_seed(engine, path.read_bytes(), origin=code, actor=SYSTEM, confirm=lambda _centre: True)
    key = keys.export_key_file(engine, work / f"{code}.key")
    keys.trust(centre, keys.read_key_file(key.read_bytes()), actor=SYSTEM)
    return engine


def send(sender: Engine, to: str, receiver: Engine, settings: Settings, work: Path, *, by: Actor,
         at: Actor) -> ImportSummary:
    """`by` exports what is waiting for `to`; `at` imports that file at the receiving end."""
    result = export_bundle(sender, settings, to=to, out=work / f"{uuid.uuid4().hex}.scb", actor=by)
    return import_file(receiver, settings, result.path, actor=at, quarantine=work / "quarantine")


def sign_in(engine: Engine, username: str, settings: Settings) -> Actor:
    return authenticate(engine, username, PASSWORD, settings)


def _add_ak_zhol(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        if s.scalar(select(PostRow.id).where(PostRow.code == KG_POST)) is None:
            s.execute(insert(PostRow), [dict(AK_ZHOL, status_since=datetime.now(UTC) - timedelta(days=2))])
            fill_number_prefixes(s)
        uow.commit()


# ------------------------------------------------------------------------------------------------ the story

def build(folder: str | Path, settings: Settings, *, force: bool = False) -> ExchangeDemo:
    """Make the four databases and the exchange folder in `folder` (see the module docstring). A failure half-way
    removes what this call made (files that did not exist before it: check_folder), so the next try starts clean."""
    folder = check_folder(folder, force)
    made = [path for path in (folder, folder / EXCHANGE_FOLDER) if not path.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EXCHANGE_FOLDER).mkdir(exist_ok=True)
    files = {name: folder / name for name in DATABASES}
    engines: list[Engine] = []
    finished = False
    try:
        with tempfile.TemporaryDirectory(prefix="sitcentre-demo-") as tmp:
            work = Path(tmp)
            kzc = make_centre(sqlite_url(files[CENTRE_FILE]), settings)
            engines.append(kzc)
            kgc = make_centre(sqlite_url(files[KG_CENTRE_FILE]), settings, KG_CENTRE_ORIGIN)
            engines.append(kgc)
            make_peers(kzc, kgc, work)
            engines.append(add_post(kzc, sqlite_url(files[KZ_FILE]), KZ_POST, settings, work))
            engines.append(add_post(kgc, sqlite_url(files[KG_FILE]), KG_POST, settings, work))
            conflicted = _story(*engines, settings, work)
        finished = True
    finally:
        for engine in engines:
            engine.dispose()
        if not finished:
            _remove_made(files.values(), made)
    return ExchangeDemo(folder, {CENTRE_ORIGIN: files[CENTRE_FILE], KG_CENTRE_ORIGIN: files[KG_CENTRE_FILE]},
                        {KZ_POST: files[KZ_FILE], KG_POST: files[KG_FILE]}, folder / EXCHANGE_FOLDER, ACCOUNTS,
                        conflicted, {KZ_POST: 2, KG_POST: 1})


def _remove_made(files, folders: list[Path]) -> None:
    for path in files:
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    for empty in reversed(folders):  # the exchange folder first, then the demo's
        try:
            empty.rmdir()  # only when empty: never a file the demo did not make
        except OSError:
            pass


def check_folder(folder: str | Path, force: bool) -> Path:
    """The folder, when the demo may be made there: empty or missing; with force, holding none of its files."""
    folder = Path(folder).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise DemoFolderRefused(f"{folder} is a file, not a folder.")
    if not folder.exists():
        return folder
    present = sorted(p.name for p in folder.iterdir())
    if present and not force:
        raise DemoFolderRefused(f"{folder} is not empty ({', '.join(present[:3])}"
                                f"{', …' if len(present) > 3 else ''}); name a new or empty folder, or use --force "
                                "to add the demo beside what is there.")
    ours = [name for name in present
            if any(name == f or name.startswith(f + "-") for f in DATABASES)
            or (name == EXCHANGE_FOLDER and any((folder / name).iterdir()))]
    if ours:
        raise DemoFolderRefused(f"{folder} already holds {', '.join(ours)}: the demo never writes over a file; "
                                "remove it or name another folder.")
    return folder


def _story(kzc: Engine, kgc: Engine, kz: Engine, kg: Engine, settings: Settings, work: Path) -> str:
    """A day of work at both posts, one round of exchange with their centres, then offline edits that will
    conflict. Returns the number of the incident edited at both ends."""
    supervisor, kg_supervisor = sign_in(kzc, "supervisor", settings), sign_in(kgc, "supervisor", settings)
    kordai, akzhol = sign_in(kz, "kordai", settings), sign_in(kg, "akzhol", settings)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    first = _record(kz, kordai, settings, KZ_POST, now - timedelta(hours=30), "heroin", 12.4,
                    "Heroin in the fuel tank of a truck entering from Kyrgyzstan; the driver detained.",
                    concealment="fuel tank", detained=1)
    _record(kz, kordai, settings, KZ_POST, now - timedelta(hours=20), "hashish", 3.1,
            "Hashish under the seats of a minibus; found by the dog team.", concealment="under the seats")
    _record(kz, kordai, settings, KZ_POST, now - timedelta(hours=9), "tramadol", 1200,
            "Tramadol tablets in a pedestrian's bag.", unit=Unit.TABLETS, mode=TransportMode.PEDESTRIAN)
    _record(kg, akzhol, settings, KG_POST, now - timedelta(hours=26), "heroin", 4.8,
            "Heroin in a car leaving for Kazakhstan, hidden in the doors.", concealment="doors",
            direction=Direction.LEAVING, detained=2)
    _record(kg, akzhol, settings, KG_POST, now - timedelta(hours=12), "cannabis_herb", 25.0,
            "Cannabis herb in sacks of animal feed on a truck.", concealment="feed sacks",
            direction=Direction.LEAVING, mode=TransportMode.TRUCK)
    for post, code, operator, centre, origin, chief in ((kz, KZ_POST, kordai, kzc, CENTRE_ORIGIN, supervisor),
                                                        (kg, KG_POST, akzhol, kgc, KG_CENTRE_ORIGIN, kg_supervisor)):
        send(post, origin, centre, settings, work, by=operator, at=chief)  # one round each way
        send(centre, code, post, settings, work, by=chief, at=operator)
    # Offline since: both ends correct the first incident's narrative; each post records one more.
    _edit(kz, kordai, settings, first.id, narrative=first.narrative + " A second man, the truck's owner, was "
          "detained at 14:20.", persons_detained=2)
    _edit(kzc, supervisor, settings, first.id, narrative=first.narrative + " Confirmed with the Kyrgyz side "
          "by phone: the truck was loaded in Bishkek.")
    _record(kz, kordai, settings, KZ_POST, now - timedelta(hours=2), "opium", 0.9,
            "Opium in a thermos, car entering from Kyrgyzstan.", concealment="thermos")
    _record(kg, akzhol, settings, KG_POST, now - timedelta(hours=3), "hashish", 1.6,
            "Hashish in a lorry's spare wheel.", concealment="spare wheel", direction=Direction.LEAVING,
            mode=TransportMode.TRUCK)
    return first.number or str(first.id)


def _record(engine: Engine, actor: Actor, settings: Settings, post: str, when: datetime, substance: str,
            quantity: float, narrative: str, *, unit: Unit = Unit.KG, concealment: str = "", detained: int = 0,
            direction: Direction = Direction.ENTERING, mode: TransportMode = TransportMode.VEHICLE) -> Incident:
    with UnitOfWork(engine) as uow:
        post_id = uow.session.scalar(select(PostRow.id).where(PostRow.code == post))
        substance_id = uow.session.scalar(select(SubstanceRow.id).where(SubstanceRow.code == substance))
    incident = Incident(post_id=post_id, occurred_at=when, reported_at=when + timedelta(minutes=40),
                        direction=direction, transport_mode=mode, concealment=concealment,
                        persons_detained=detained, narrative=narrative,
                        lines=(SeizureLine(substance_id=substance_id, quantity=quantity, unit=unit),))
    return IncidentService(engine, settings).record(incident, actor=actor)


def _edit(engine: Engine, actor: Actor, settings: Settings, incident_id: uuid.UUID, **changes) -> Incident:
    with UnitOfWork(engine) as uow:
        current = IncidentRepository(uow.session).get(incident_id)
    return IncidentService(engine, settings).update(replace(current, **changes), actor=actor)


# ------------------------------------------------------------------------------------------------ the words

def next_steps(demo: ExchangeDemo) -> list[str]:
    """What to do next, for the command to print (the README walk-through says the same at length)."""
    by_file: dict[str, list[str]] = {}
    for account in demo.accounts:
        by_file.setdefault(account.where, []).append(f"{account.username} ({account.role})")
    lines = [f"Exchange demo in {demo.folder}:"]
    for label, path in ((f"centre {CENTRE_ORIGIN} (Kazakhstan)", demo.centres[CENTRE_ORIGIN]),
                        (f"post {KZ_POST} (Kordai)", demo.posts[KZ_POST]),
                        (f"centre {KG_CENTRE_ORIGIN} (Kyrgyzstan)", demo.centres[KG_CENTRE_ORIGIN]),
                        (f"post {KG_POST} (Ak-Zhol)", demo.posts[KG_POST])):
        lines.append(f"  {label:<28} python main.py --db {sqlite_url(path)}")
        lines.append(f"  {'':<28} sign in as {' or '.join(by_file.get(path.name, []))}")
    lines += [f"  password for every demo account: {PASSWORD}",
              f"  exchange folder (File → Exchange folder…): {demo.exchange}",
              "",
              f"Incident {demo.conflicted} was edited at Kordai and at {CENTRE_ORIGIN} since their last exchange: "
              f"export at Kordai (File → Export data bundle…), import at {CENTRE_ORIGIN} (File → Import data "
              f"bundle…), resolve it in View → Conflicts…, export back to {KZ_POST} and import it at Kordai.",
              "The walk-through: README.md, \"Exchange between a post and the centre\"."]
    return lines
