"""The `sitcentre` command (also `python -m sitcentre`).

Every failure is one plain line on stderr and a non-zero exit code; tracebacks go to the log file.
Exit codes (sitcentre.exit_codes): 0 done, 1 a check found problems, 2 a database problem, 3 bad usage.
The messages come in the language of `--lang en|ru` (before the command; default: $SITCENTRE_LANG when it is en or
ru, else English), sitcentre.domain.i18n; argparse's own words ("usage:", "error:") stay English.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time

from sitcentre.db import migrate
from sitcentre.db.engine import OPEN_CREATE, OPEN_EXISTING, OPEN_READ_ONLY, describe_url, make_engine, tls_warning
from sitcentre.db.errors import SchemaDamaged, SchemaTooNew, SitcentreDbError, database_named, describe
from sitcentre.domain.i18n import LANGUAGES, _t, language, number, set_language
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_DATABASE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from sitcentre.logs import SHOWN_TO_USER, setup_logging
from sitcentre.output_paths import UnsafeOutput
from sitcentre.settings import Settings, load_settings, resolve_db_url

log = logging.getLogger("sitcentre.cli")
FIRST_DAY, LAST_DAY = 1900, 2999  # years a report may ask for (the 30 days before must be a valid date)
# Commands that must neither create a missing SQLite file nor change its journal mode (issue 9, defect 11).
READ_ONLY = {("db", "current"), ("db", "check"), ("stats", None), ("audit", "verify"), ("user", "list"),
             ("install", "show"), ("keys", "list"), ("keys", "export"), ("conflicts", "list"),
             ("conflicts", "show")}
# The exchange's command groups (issue 12): command -> module with add_commands(commands, parser_class) and
# run(engine, args, settings) -> exit code.
EXCHANGE_COMMANDS = {"keys": "sitcentre.cli_keys", "bundle": "sitcentre.cli_bundle",
                     "conflicts": "sitcentre.cli_conflicts", "sync": "sitcentre.cli_sync",
                     "serve": "sitcentre.cli_serve",  # serve: the centre's HTTPS endpoint (sitcentre.server)
                     "import": "sitcentre.cli_import",  # spreadsheets in (issue 15)
                     "settings": "sitcentre.cli_settings"}  # the installation's policy (issue 16)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 3."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, _t("sitcentre: {message} (see 'sitcentre --help')").format(message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sitcentre", description=_t("Situation-centre database tools."))
    parser.add_argument("--lang", dest="language", choices=list(LANGUAGES), metavar="{en,ru}",
                        help=_t("the language of the messages (default: $SITCENTRE_LANG when it is en or ru, else en)"))
    parser.add_argument("--db", metavar="URL", help=_t("sqlite:///path/file.sqlite or postgresql://user@host/db "
                        "(default: $SITCENTRE_DB, else a file in the user data folder)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    db = commands.add_parser("db", help=_t("schema and integrity"))
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", parser_class=_Parser)
    db_commands.required = True
    db_commands.add_parser("upgrade", help=_t("bring the schema to this version (SQLite files are backed up first)"))
    db_commands.add_parser("current", help=_t("show the schema revision"))
    db_commands.add_parser("check", help=_t("check integrity, schema status and rollups"))
    from sitcentre.cli_roles import add_secure_command

    add_secure_command(db_commands)  # `db secure`: PostgreSQL roles (issue 14)
    demo = commands.add_parser("demo", help=_t("fill the database with synthetic demo data"))
    demo.add_argument("--incidents", type=_positive_int, default=20_000, metavar="N", help=_t("default 20000"))
    demo.add_argument("--force", action="store_true",
                      help=_t("load even into a database that holds real user accounts or incidents"))
    demo.add_argument("--seed", type=_positive_int, default=1, metavar="S",
                      help=_t("random seed (same seed, same data)"))
    demo.add_argument("--exchange", metavar="FOLDER",
                      help=_t("instead: make a centre and two posts in FOLDER, keys exchanged, with offline edits to "
                      "exchange (README: the walk-through); --force allows a folder that holds other files"))
    commands.add_parser("stats", help=_t("row counts per table"))
    report = commands.add_parser("report", help=_t("write the daily brief for management as a PDF"))
    report.add_argument("--date", type=_day, metavar="YYYY-MM-DD",
                        help=_t("the posts' local day to report (default: yesterday, centre time)"))
    report.add_argument("--out", metavar="FILE", help=_t("the PDF to write (default: brief-YYYY-MM-DD.pdf here)"))
    report.add_argument("--force", action="store_true", help=_t("replace the output file if it exists"))
    report.add_argument("--lang", choices=["en", "ru"], default=None,
                        help=_t("the language of the brief: en (English) or ru (Russian); default: the language "
                        "of the messages (sitcentre --lang)"))
    report.add_argument("--verified-only", action="store_true",
                        help=_t("count verified incidents only in the numbers, the chart and the largest seizures"))
    _add_user_commands(commands)
    from sitcentre.cli_install import add_install_commands

    add_install_commands(commands, _Parser)  # `install init|show` (issue 10, item 5)
    for module in EXCHANGE_COMMANDS.values():
        importlib.import_module(module).add_commands(commands, _Parser)
    return parser


def _add_user_commands(commands) -> None:
    """`user add|passwd|disable|enable|role|list` and `audit verify` (sitcentre.services.users, .audit)."""
    user = commands.add_parser("user", help=_t("user accounts (run by whoever holds the database's credentials)"))
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", parser_class=_Parser)
    user_commands.required = True
    add = user_commands.add_parser("add", help=_t("add an account; the password is asked for"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["operator", "supervisor", "admin"])
    add.add_argument("--post", metavar="CODE", help=_t("the post the account belongs to, e.g. KG-KSU"))
    add.add_argument("--display-name", default="", metavar="TEXT")
    add.add_argument("--local", action="store_true",
                     help=_t("at a post: add an account of this post only (accounts come from the centre)"))
    passwd = user_commands.add_parser("passwd", help=_t("set an account's password (also lifts a lock-out)"))
    passwd.add_argument("name")
    for sub in (add, passwd):
        sub.add_argument("--password-stdin", action="store_true", help=_t("read the password from standard input"))
    user_commands.add_parser("disable", help=_t("disable an account")).add_argument("name")
    user_commands.add_parser("enable", help=_t("enable a disabled account")).add_argument("name")
    role = user_commands.add_parser("role", help=_t("change an account's role (and post)"))
    role.add_argument("name")
    role.add_argument("--role", required=True, choices=["operator", "supervisor", "admin"])
    role.add_argument("--post", metavar="CODE", help=_t("the post the account belongs to (none when left out)"))
    user_commands.add_parser("list", help=_t("list the accounts"))
    from sitcentre.cli_audit import add_audit_commands

    add_audit_commands(commands, _Parser)  # `audit verify [--anchor FILE]`, `audit anchor --out FILE` (issue 14)


def _day(text: str):
    from sitcentre.services.brief import BriefInputError, parse_day

    try:
        day = parse_day(text)
    except BriefInputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not FIRST_DAY <= day.year <= LAST_DAY:
        raise argparse.ArgumentTypeError(_t("'{text}': give a day between {first} and {last}").format(
            text=text, first=FIRST_DAY, last=LAST_DAY))
    return day


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_t("'{text}' is not a whole number").format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_t("must not be negative"))
    return value


def global_language(argv: list[str]) -> str:
    """The language `--lang` asks for before the command (report's own --lang is the brief's), else
    $SITCENTRE_LANG when sitcentre writes in it, else English. An unknown --lang value is left to the parser."""
    chosen = os.environ.get("SITCENTRE_LANG", "")
    chosen = chosen if chosen in LANGUAGES else "en"
    words = iter(argv)
    for word in words:
        if word == "--lang":
            chosen = next(words, chosen)
        elif word.startswith("--lang="):
            chosen = word.partition("=")[2]
        elif word == "--db":
            next(words, None)
        elif not word.startswith("-"):  # the command: what follows is its own
            break
    return chosen if chosen in LANGUAGES else "en"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(global_language(argv))  # first: the help texts and the parser's messages are worded in it
    args = build_parser().parse_args(argv)
    if args.language:
        set_language(args.language)
    settings = load_settings()
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if args.db is None and not os.environ.get("SITCENTRE_DB"):  # the database would live in that folder
            print(_t("sitcentre: cannot create the data folder {folder} ({reason}); set SITCENTRE_DATA_DIR to a "
                     "folder you can write, or name the database with --db").format(
                         folder=settings.data_dir, reason=exc.strerror or exc), file=sys.stderr)
            return EXIT_DATABASE
    setup_logging(settings, quiet=True)  # without a usable folder: no log file, messages still reach stderr
    try:
        return _dispatch(args, settings)
    except KeyboardInterrupt:
        print(_t("sitcentre: interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except UnsafeOutput as exc:  # an output file this program must not, or cannot, write
        log.error("%s", exc, exc_info=exc, extra={SHOWN_TO_USER: True})
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        error = describe(exc)
        log.error("%s", error, exc_info=exc, extra={SHOWN_TO_USER: True})
        print(f"sitcentre: {error}", file=sys.stderr)
        return EXIT_DATABASE if isinstance(error, SitcentreDbError) else EXIT_ERROR


def _open_mode(args: argparse.Namespace) -> str:
    """Upgrade and demo may create the file; the rest need it to exist, and readers open it read-only."""
    action = getattr(args, f"{args.command}_command", None)
    if (args.command, action) in READ_ONLY:
        return OPEN_READ_ONLY
    return OPEN_CREATE if args.command in ("db", "demo") else OPEN_EXISTING


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "demo" and args.exchange:  # three databases of its own, not the --db one
        return _demo_exchange(args.exchange, settings, force=args.force)
    _warn_without_tls(resolve_db_url(args.db, settings))
    if args.command == "db" and args.db_command == "secure":
        from sitcentre.cli_roles import run_secure

        return run_secure(args, settings)
    engine = make_engine(resolve_db_url(args.db, settings), settings, open_mode=_open_mode(args))
    where = describe_url(engine)
    try:
        if args.command == "db" and args.db_command == "check":
            _refuse_newer(engine)  # README: a newer schema is a database problem (2), not a failed check (1)
        if args.command == "db":
            return {"upgrade": _upgrade, "current": _current, "check": _check}[args.db_command](engine)
        if args.command == "demo":
            return _demo(engine, args.incidents, args.seed, force=args.force)
        if args.command == "report":
            return _report(engine, args, settings)
        if args.command == "install":
            from sitcentre.cli_install import run_install_command

            return run_install_command(engine, args) if _schema_ready(engine) else EXIT_DATABASE
        if args.command in EXCHANGE_COMMANDS:
            module = importlib.import_module(EXCHANGE_COMMANDS[args.command])
            return module.run(engine, args, settings) if _schema_ready(engine) else EXIT_DATABASE
        if args.command == "audit":
            from sitcentre.cli_audit import run_audit_command

            ready = _schema_ready(engine, damage_fatal=False)
            return run_audit_command(engine, args, settings) if ready else EXIT_DATABASE
        if args.command in ("user", "audit"):
            from sitcentre.cli_users import run_account_command

            ready = _schema_ready(engine, damage_fatal=args.command != "audit")
            return run_account_command(engine, args, settings) if ready else EXIT_DATABASE
        return _stats(engine)
    except (SitcentreDbError, UnsafeOutput):
        raise
    except Exception as exc:
        mapped = describe(exc, database_named(where))
        raise mapped from exc
    finally:
        engine.dispose()


def _warn_without_tls(url: str) -> None:
    """A server on another machine without a checked certificate: said on stderr (the command still runs)."""
    warning = tls_warning(url)
    if warning:
        log.warning("%s", warning, extra={SHOWN_TO_USER: True})
        print(_t("sitcentre: warning: {warning}").format(warning=warning), file=sys.stderr)


def _upgrade(engine) -> int:
    before = migrate.schema_status(engine)
    after = migrate.upgrade(engine)
    where = describe_url(engine)
    if before.current == after.current:
        print(_t("{where}: already at schema {revision}").format(where=where, revision=after.current))
    elif before.current is None:
        print(_t("{where}: upgraded from empty to {revision}").format(where=where, revision=after.current))
    else:
        print(_t("{where}: upgraded from {before} to {revision}").format(where=where, before=before.current,
                                                                         revision=after.current))
    return EXIT_OK


def _current(engine) -> int:
    print(f"{describe_url(engine)}: {migrate.schema_status(engine).describe()}")
    return EXIT_OK


def _check(engine) -> int:
    from sitcentre.services.maintenance import check, schema_objects_lines

    report = check(engine)
    print(_t("database:  {where}").format(where=describe_url(engine)))
    print(_t("schema:    {schema}").format(schema=report.schema))
    print(_t("integrity: {integrity}").format(integrity=report.integrity))
    if report.rollups_ok is None:
        print(_t("rollups:   not checked ({reason})").format(reason=report.rollups_skipped))
    elif report.rollups_ok:
        print(_t("rollups:   ok"))
    else:
        print(_t("rollups:   DIFFER from the incidents"))
    print("\n".join(schema_objects_lines(report)))
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def _demo(engine, incidents: int, seed: int, force: bool = False) -> int:
    """Synthetic incidents, refused on a database that holds real accounts or incidents unless forced
    (services.demo_guard); each load is one audit entry."""
    from sitcentre.cli_users import cli_actor
    from sitcentre.services.demo import seed_incidents, seed_reference_data
    from sitcentre.services.demo_guard import demo_refusal, record_demo_load

    if migrate.schema_status(engine).too_new:
        migrate.upgrade(engine)  # refuses, in the same words as `db upgrade`
    refusal = demo_refusal(engine)  # before anything is written, the schema upgrade included
    if refusal and not force:
        print(f"sitcentre: {describe_url(engine)}: {refusal}", file=sys.stderr)  # (services.demo_guard's words)
        return EXIT_USAGE
    migrate.upgrade(engine)
    seed_reference_data(engine)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print("\r  " + _t("{done} / {total} incidents").format(done=number(done), total=number(total)), end="",
              file=sys.stderr, flush=True)

    written = seed_incidents(engine, incidents, seed, progress=progress if sys.stderr.isatty() else None)
    record_demo_load(engine, cli_actor(), written, seed, forced=refusal is not None)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(_t("{where}: {count} demo incidents added in {seconds} s").format(
        where=describe_url(engine), count=number(written), seconds=number(time.perf_counter() - started, 1)))
    return EXIT_OK


def _demo_exchange(folder: str, settings: Settings, force: bool) -> int:
    """`demo --exchange FOLDER` (services.demo_exchange): a centre and two posts, ready for the walk-through."""
    from sitcentre.services import demo_exchange

    try:
        demo = demo_exchange.build(folder, settings, force=force)
    except demo_exchange.DemoFolderRefused as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(demo_exchange.next_steps(demo)))
    return EXIT_OK


def _stats(engine) -> int:
    from sitcentre.services.maintenance import row_counts

    if not _schema_ready(engine):
        return EXIT_DATABASE
    for table, count in row_counts(engine).items():
        print(f"{table:<16}{count:>12,}")
    return EXIT_OK


def _report(engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services.brief import BriefInputError, default_day
    from sitcentre.services.brief_pdf import BriefTargetExists, export_brief, writable_target

    day = args.date or default_day(utc_offset_minutes=settings.centre_utc_offset_minutes)
    out = args.out or f"brief-{day.isoformat()}.pdf"
    try:
        writable_target(out, args.force)  # a bad path fails before any reading
        if not _schema_ready(engine):
            return EXIT_DATABASE
        result = export_brief(engine, day, out, verified_only=args.verified_only, replace=args.force,
                              actor=cli_actor(), settings=settings, language=args.lang or language())
    except BriefTargetExists as exc:
        print(_t("sitcentre: {problem} (--force replaces it)").format(problem=exc), file=sys.stderr)
        return EXIT_USAGE
    except BriefInputError as exc:  # a day in the future, an output that cannot be written
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if result.pages == 1:  # (Russian says "страниц: N", whatever N)
        done = _t("{path}: daily brief for {day} (1 page)").format(path=result.path, day=day.isoformat())
    else:
        done = _t("{path}: daily brief for {day} ({pages} pages)").format(path=result.path, day=day.isoformat(),
                                                                         pages=result.pages)
    print(done)
    return EXIT_OK


def _refuse_newer(engine) -> None:
    status = migrate.schema_status(engine)
    if status.too_new:
        raise SchemaTooNew(_t("{where}: {status}; update sitcentre on this workstation.").format(
            where=describe_url(engine), status=status.describe()))


def _schema_ready(engine, damage_fatal: bool = True) -> bool:
    """True when the schema is current; a newer one raises, an older or missing one says what to run.

    Missing or disabled schema objects raise SchemaDamaged, except for `audit verify` (damage_fatal False): a
    disabled append-only trigger is what tampering looks like, so it is a warning and the chain is still read."""
    status = migrate.schema_status(engine)
    if status.too_new:
        raise SchemaTooNew(_t("{where}: {status}; update sitcentre on this workstation.").format(
            where=describe_url(engine), status=status.describe()))
    if not status.up_to_date:
        print(_t("sitcentre: {where}: {status}; run 'sitcentre db upgrade'").format(
            where=describe_url(engine), status=status.describe()), file=sys.stderr)
        return False
    try:
        migrate.refuse_damaged_schema(engine, status)  # a dropped table is named, not met as "no such table"
    except SchemaDamaged as exc:
        if damage_fatal:
            raise
        # audit verify still reads what is there
        print(_t("sitcentre: warning: {warning}").format(warning=exc), file=sys.stderr)
    return True


if __name__ == "__main__":
    sys.exit(main())
