"""`sitcentre bundle import FILE` (issue 12, item 5): import a change bundle from another installation and say,
in one line, what it did (services.exchange_import). `sitcentre bundle pending`: the received entries not
applied, held (waiting for an earlier version) or in error (with the reason; an entry in error is not
acknowledged, so its sender sends it again and it is retried), exit 0.

Exit codes (sitcentre.exit_codes):
  0 (EXIT_OK)            imported, or already imported before (nothing written); entries that broke a rule
                         are listed with their reason but do not fail the import (they are kept, state error)
  1 (EXIT_CHECK_FAILED)  refused for security: a forked feed (the same change number with other content) or an
                         altered audit trail; a security alert is in the audit trail and the file was kept aside
  2 (EXIT_DATABASE)      a database problem (raised to sitcentre.cli, which words it), or this installation
                         has no signing key yet ('sitcentre install init')
  3 (EXIT_USAGE)         the bundle was refused (unknown or revoked key, damaged or tampered file, another
                         recipient, a newer schema, ...): nothing was written, the file was kept aside
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.cli_users import cli_actor
from sitcentre.domain.i18n import _t
from sitcentre.exchange.errors import BundleRejected
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_DATABASE, EXIT_OK, EXIT_USAGE
from sitcentre.services.keys import ExchangeNotReady
from sitcentre.settings import Settings

SECURITY_CODES = ("equivocation", "audit_altered")


def run_import(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.services.exchange_import import import_file, summary_line

    try:
        summary = import_file(engine, settings, args.file, actor=cli_actor())
    except ExchangeNotReady as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except BundleRejected as exc:
        print(f"sitcentre: {exc.message}", file=sys.stderr)
        kept = getattr(exc, "kept_at", None)
        if kept is not None:
            print(_t("sitcentre: the file was kept in {folder}").format(folder=kept), file=sys.stderr)
        return EXIT_CHECK_FAILED if exc.code in SECURITY_CODES else EXIT_USAGE
    print(summary_line(summary, args.file))
    for record, reason in summary.error_details:
        if record:
            print("  " + _t("error: record {record}: {reason}").format(record=record, reason=reason))
        else:
            print("  " + _t("error: record (no id): {reason}").format(reason=reason))
    if summary.new_epoch_started:
        print(_t("This installation's feed started a new epoch: the centre had seen more of it than this database "
                 "holds (was it restored from a backup?)."))
    return EXIT_OK


def run_pending(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.services.exchange_rules import waiting

    entries = waiting(engine)
    if not entries:
        print(_t("No received change is waiting: everything received was applied."))
        return EXIT_OK
    held = sum(1 for e in entries if e.state == "held")
    print(_t("{held} held (waiting for an earlier version), {failed} failed (sent again, retried):").format(
        held=held, failed=len(entries) - held))
    no_reason = _t("no reason kept")
    for e in entries:  # (states and kinds: the exchange's codes)
        what = f"{e.kind} {e.record}" if e.record else e.kind
        print(f"  {e.origin} #{e.seq} ({e.epoch[:8]}) {e.state}: {what}: {e.reason or no_reason}")
    return EXIT_OK
