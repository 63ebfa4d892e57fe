"""`sitcentre install init|show`: who this database is, a post's own workstation or a situation centre, and the
origin code in the incident numbers it makes (sitcentre.services.installation; wired in by sitcentre.cli).

Exit codes (sitcentre.exit_codes): 0 done, 3 a change that cannot be made as asked (an unknown post, an origin
code that could collide, an origin already used for numbers without --force).
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.exit_codes import EXIT_OK, EXIT_USAGE
from sitcentre.services import installation


def add_install_commands(commands, parser_class) -> None:
    install = commands.add_parser("install", help="this installation: post or centre, and its origin code")
    actions = install.add_subparsers(dest="install_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    init = actions.add_parser("init", help="set the role and the origin code written into new incident numbers")
    init.add_argument("--role", required=True, choices=list(installation.ROLES))
    init.add_argument("--origin", required=True, metavar="CODE",
                      help="a post's code at a post (e.g. KZ-KOR); a short code at a centre (e.g. C)")
    init.add_argument("--force", action="store_true",
                      help="change the origin code even though incidents were already numbered with it")
    actions.add_parser("show", help="show the role and the origin code")


def run_install_command(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor

    if args.install_command == "init":
        try:
            done = installation.init(engine, args.role, args.origin, cli_actor(), force=args.force)
        except installation.InstallationError as exc:
            print(f"sitcentre: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"this installation is now a {done.role}, origin code {done.origin_code}")
        return EXIT_OK
    current = installation.show(engine)
    if current is None:
        print("no installation recorded yet: run 'sitcentre install init'")
        return EXIT_OK
    print(f"role:      {current.role}")
    print(f"origin:    {current.origin_code}")
    print(f"id:        {current.id}")
    print(f"numbered:  {current.numbered:,} incidents with this origin")
    return EXIT_OK
