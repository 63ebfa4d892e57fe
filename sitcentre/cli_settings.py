"""`sitcentre settings show | set KEY VALUE | reset [KEY]` (issue 16, item 3): the installation's policy, kept in
the database for every workstation (sitcentre.services.site_settings). Changing it needs an administrator's
account (on a secured PostgreSQL database, the login's account; elsewhere the command acts as the system) and is
audited. Workstations read it when they start.

Exit codes: 0 done; 3 an unknown key or a value out of range (nothing changed); 2 a database problem.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.cli_users import cli_actor
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exit_codes import EXIT_OK, EXIT_USAGE
from sitcentre.settings import Settings


def add_commands(commands, parser_class) -> None:
    settings = commands.add_parser("settings", help=_t("the installation's settings (thresholds, own-post rule, "
                                   "the centre's clock)"))
    actions = settings.add_subparsers(dest="settings_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    actions.add_parser("show", help=_t("every setting, its value and its default"))
    change = actions.add_parser("set", help=_t("change a setting (administrators; audited)"))
    change.add_argument("key")
    change.add_argument("value")
    back = actions.add_parser("reset", help=_t("back to the default (one setting, or all)"))
    back.add_argument("key", nargs="?")


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.services import site_settings

    try:
        if args.settings_command == "show":
            rows = site_settings.current(engine, settings)
            width = max(len(key) for key, *_ in rows)
            for key, value, default, changed in rows:
                what = _t(site_settings.POLICIES[key].what)
                if changed:
                    line = _t("{key}  {value}  (default {default})  {what}").format(
                        key=f"{key:<{width}}", value=value, default=default, what=what)
                else:
                    line = _t("{key}  {value}  (default)  {what}").format(key=f"{key:<{width}}", value=value, what=what)
                print(line)
            return EXIT_OK
        actor = cli_actor(engine)
        if args.settings_command == "set":
            old, new = site_settings.set_value(engine, settings, args.key, args.value, actor=actor)
            if old is None:
                done = _t("{key}: default -> {new}. Workstations apply it when they next start.")
            else:
                done = _t("{key}: {old} -> {new}. Workstations apply it when they next start.")
            print(done.format(key=args.key, old=old, new=new))
            return EXIT_OK
        done = site_settings.reset(engine, settings, args.key, actor=actor)
        if done:
            print(_t("Back to the default: {keys}.").format(keys=", ".join(done)))
        else:
            print(_t("Nothing to reset: the defaults apply."))
        return EXIT_OK
    except (site_settings.SettingRefused, PermissionDenied) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
