"""`sitcentre install init|show|new-epoch|peer`: who this database is, a post's own workstation or a situation centre,
the origin code in the incident numbers it makes (sitcentre.services.installation; wired in by sitcentre.cli),
its signing key and its feed epoch (issue 12; `new-epoch` after restoring the database from a backup).

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
    init.add_argument("--seed", metavar="FILE",
                      help="at a new post: the seed bundle from its centre (reference data, accounts, the centre's "
                      "key); its fingerprint is shown and asked")
    init.add_argument("--yes", action="store_true", help="with --seed: do not ask (the fingerprint was checked)")
    seed = actions.add_parser("seed", help="at a centre: write the seed bundle that sets up a post's installation")
    seed.add_argument("--post", required=True, metavar="CODE")
    seed.add_argument("--out", required=True, metavar="FILE", help="the file, or a folder to write it into")
    seed.add_argument("--force", action="store_true", help="replace the file if it exists")
    actions.add_parser("show", help="show the role, the origin code, the signing key and the feed epoch")
    peer = actions.add_parser("peer", help="at a centre: another country's centre or the regional centre to "
                              "exchange with, and the sharing policy for it (no --origin: list the peers)")
    peer.add_argument("--origin", metavar="CODE", help="the peer centre's origin code, as in its key file")
    peer.add_argument("--policy", metavar="NAME", help="the sharing policy: what leaves for that peer (default "
                      "regional-default: verified incidents without personal data, alerts across the border)")
    epoch = actions.add_parser("new-epoch", help="start a new feed epoch: run this after restoring this database "
                               "from a backup")
    epoch.add_argument("--reason", default="restored from a backup", help="recorded in the audit trail")


def run_install_command(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor

    if args.install_command == "seed":
        return _write_seed(engine, args)
    if args.install_command == "peer":
        return _peer(engine, args)
    if args.install_command == "init" and args.seed:
        return _init_from_seed(engine, args)
    if args.install_command == "init":
        try:
            done = installation.init(engine, args.role, args.origin, cli_actor(), force=args.force)
        except installation.InstallationError as exc:
            print(f"sitcentre: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"this installation is now a {done.role}, origin code {done.origin_code}")
        print(f"signing key {done.key_id}, fingerprint {done.fingerprint}")
        return EXIT_OK
    if args.install_command == "new-epoch":
        return _new_epoch(engine, args.reason)
    current = installation.show(engine)
    if current is None:
        print("no installation recorded yet: run 'sitcentre install init'")
        return EXIT_OK
    print(f"role:      {current.role}")
    print(f"origin:    {current.origin_code}")
    print(f"id:        {current.id}")
    print(f"numbered:  {current.numbered:,} incidents with this origin")
    print(f"epoch:     {current.epoch or 'none yet'}")
    if current.key_id:
        print(f"key id:    {current.key_id}")
        print(f"fingerprint: {current.fingerprint}")
    else:
        print("key id:    none yet: run 'sitcentre install init --role ... --origin ...' to make the signing key")
    return EXIT_OK


def _peer(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services import keys, peers

    if not args.origin:
        found = peers.list_peers(engine)
        for peer in found:
            print(f"{peer.origin:<16} {peer.policy} v{peer.version}{'' if peer.enabled else '  (switched off)'}")
        if not found:
            print("no peer centres: 'sitcentre install peer --origin CODE [--policy NAME]' adds one")
        return EXIT_OK
    try:
        peer = peers.set_peer(engine, args.origin, args.policy, actor=cli_actor())
    except (peers.PeerError, keys.ExchangeNotReady) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{peer.origin} is a peer centre: bundles for it carry what sharing policy {peer.policy} "
          f"v{peer.version} releases")
    print(f"Trust its key ('sitcentre keys trust FILE'), then 'sitcentre bundle export --to {peer.origin} ...'.")
    return EXIT_OK


def _new_epoch(engine: Engine, reason: str) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services import keys

    try:
        epoch = keys.new_epoch(engine, actor=cli_actor(), reason=reason)
    except keys.ExchangeNotReady as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"new feed epoch {epoch}: the next bundle starts a new feed, and the centre sends back this "
          "installation's records as it holds them; new incident numbers go on from the next thousand, so "
          "none given since the backup is given again")
    return EXIT_OK


def _write_seed(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services import keys, seed

    try:
        path = seed.write_seed(engine, post=args.post, out=args.out, actor=cli_actor(), force=args.force)
    except (seed.SeedError, keys.ExchangeNotReady) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with_identity = installation.show(engine)
    print(f"seed bundle for {args.post.upper()} written to {path}")
    if with_identity is not None and with_identity.fingerprint:
        print(f"Read this fingerprint out to the post when it sets up: {with_identity.fingerprint}")
    return EXIT_OK


def _init_from_seed(engine: Engine, args: argparse.Namespace) -> int:
    from pathlib import Path

    from sitcentre.cli_keys import _confirmed
    from sitcentre.cli_users import cli_actor
    from sitcentre.exchange import bundle
    from sitcentre.exchange.errors import BundleRejected
    from sitcentre.exchange.signing import fingerprint
    from sitcentre.services import seed

    if args.role != "post":
        print("sitcentre: --seed sets up a post: use --role post", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.seed).expanduser()
    try:
        if path.stat().st_size > bundle.Limits().max_file:
            raise seed.SeedError(f"{path} is far too large to be a seed bundle.")
        data = path.read_bytes()
    except OSError as exc:
        print(f"sitcentre: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except seed.SeedError as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE

    def confirm(centre) -> bool:
        print(f"seed from:   {centre.origin} (situation centre)")
        print(f"key id:      {centre.key_id}")
        print(f"fingerprint: {fingerprint(centre.public_key)}")
        return args.yes or _confirmed(f"Does this fingerprint match the one read out by {centre.origin}? [y/N] ")

    try:
        done = seed.init_from_seed(engine, data, origin=args.origin, actor=cli_actor(), confirm=confirm)
    except (seed.SeedError, installation.InstallationError) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BundleRejected as exc:
        print(f"sitcentre: this seed cannot be used: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    print(f"this installation is now post {done.origin_code}, set up from its centre's seed")
    print(f"signing key {done.key_id}, fingerprint {done.fingerprint}")
    print("Next: 'sitcentre keys export --out FILE' and send the file to the centre; read it this fingerprint.")
    return EXIT_OK
