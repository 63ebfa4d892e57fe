"""`sitcentre sync --centre https://HOST:PORT [--ca FILE]` (issue 13, item 5): one push-and-pull round with the
centre over HTTPS (sitcentre.services.sync_client), then what was sent and what came back, one line each.
`--centre` and `--ca` are stored as the link to the centre, so the app's background sync uses them and a later
`sitcentre sync` needs neither.

Exit codes (sitcentre.exit_codes):
  0 (EXIT_OK)            sent and received (or nothing to do)
  1 (EXIT_CHECK_FAILED)  the centre refused a bundle (set aside in outbox/refused/), or refused to send ours,
                         or its bundle was refused here
  2 (EXIT_DATABASE)      the centre cannot be reached (or its certificate is not the pinned one), or a database
                         problem, or this installation has no signing key yet
  3 (EXIT_USAGE)         an address that is not https://HOST:PORT, an unreadable certificate, no link set
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.domain.i18n import _t
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_DATABASE, EXIT_OK, EXIT_USAGE
from sitcentre.settings import Settings


def add_commands(commands, parser_class) -> None:
    sync = commands.add_parser("sync", help=_t("one push-and-pull round with the centre over HTTPS"))
    sync.add_argument("--centre", metavar="URL", help=_t("the centre's address, https://HOST:PORT (stored; default: "
                                                      "the one stored before)"))
    sync.add_argument("--ca", metavar="FILE", help=_t("the centre's certificate (PEM) to pin: the only one trusted "
                                                   "(stored; default: the one stored before)"))
    sync.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                      help=_t("this installation's database (as 'sitcentre --db URL')"))


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services import sync_setup
    from sitcentre.services.keys import ExchangeNotReady
    from sitcentre.services.sync_client import sync_round

    actor = cli_actor()
    try:
        if args.centre or args.ca:
            current = sync_setup.link(engine)
            url = args.centre or (current.url if current else None)
            if not url:
                print(_t("sitcentre: give the centre's address with --centre https://HOST:PORT"), file=sys.stderr)
                return EXIT_USAGE
            pem = sync_setup.read_certificate(args.ca) if args.ca else None
            sync_setup.configure(engine, settings, actor=actor, url=url, cert_pem=pem)
        result = sync_round(engine, settings, actor=actor)
    except sync_setup.SyncSetupError as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ExchangeNotReady as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    for line in result.lines():
        print(line)
    if result.next_attempt_at is not None and not result.ok:
        print(_t("Next try after {time} UTC.").format(time=f"{result.next_attempt_at:%Y-%m-%d %H:%M}"), file=sys.stderr)
    if result.unreachable:
        return EXIT_DATABASE
    return EXIT_OK if result.ok else EXIT_CHECK_FAILED
