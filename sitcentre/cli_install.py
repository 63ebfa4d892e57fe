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

from sitcentre.domain.i18n import _t, number
from sitcentre.exit_codes import EXIT_OK, EXIT_USAGE
from sitcentre.services import installation


def add_install_commands(commands, parser_class) -> None:
    install = commands.add_parser("install", help=_t("this installation: post or centre, and its origin code"))
    actions = install.add_subparsers(dest="install_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    init = actions.add_parser("init", help=_t("set the role and the origin code written into new incident numbers"))
    init.add_argument("--role", required=True, choices=list(installation.ROLES))
    init.add_argument("--origin", required=True, metavar="CODE",
                      help=_t("a post's code at a post (e.g. KZ-KOR); a short code at a centre (e.g. C)"))
    init.add_argument("--force", action="store_true",
                      help=_t("change the origin code even though incidents were already numbered with it"))
    init.add_argument("--seed", metavar="FILE",
                      help=_t("at a new post: the seed bundle from its centre (reference data, accounts, the centre's "
                      "key); its fingerprint is shown and asked"))
    init.add_argument("--yes", action="store_true", help=_t("with --seed: do not ask (the fingerprint was checked)"))
    seed = actions.add_parser("seed", help=_t("at a centre: write the seed bundle that sets up a post's installation"))
    seed.add_argument("--post", required=True, metavar="CODE")
    seed.add_argument("--out", required=True, metavar="FILE", help=_t("the file, or a folder to write it into"))
    seed.add_argument("--force", action="store_true", help=_t("replace the file if it exists"))
    actions.add_parser("show", help=_t("show the role, the origin code, the signing key and the feed epoch"))
    peer = actions.add_parser("peer", help=_t("at a centre: another country's centre or the regional centre to "
                              "exchange with, and the sharing policy for it (no --origin: list the peers)"))
    peer.add_argument("--origin", metavar="CODE", help=_t("the peer centre's origin code, as in its key file"))
    peer.add_argument("--policy", metavar="NAME", help=_t("the sharing policy: what leaves for that peer (default "
                      "regional-default: verified incidents without personal data, alerts across the border)"))
    epoch = actions.add_parser("new-epoch", help=_t("start a new feed epoch: run this after restoring this database "
                               "from a backup"))
    epoch.add_argument("--reason", default="restored from a backup", help=_t("recorded in the audit trail"))


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
        if done.role == "centre":
            now = _t("this installation is now a centre, origin code {origin}")
        elif done.role == "post":
            now = _t("this installation is now a post, origin code {origin}")
        else:
            now = _t("this installation is now a {role}, origin code {origin}")
        print(now.format(role=done.role, origin=done.origin_code))
        print(_t("signing key {key}, fingerprint {fingerprint}").format(key=done.key_id, fingerprint=done.fingerprint))
        return EXIT_OK
    if args.install_command == "new-epoch":
        return _new_epoch(engine, args.reason)
    current = installation.show(engine)
    if current is None:
        print(_t("no installation recorded yet: run 'sitcentre install init'"))
        return EXIT_OK
    print(_t("role:      {role}").format(role=current.role))
    print(_t("origin:    {origin}").format(origin=current.origin_code))
    print(_t("id:        {id}").format(id=current.id))
    print(_t("numbered:  {count} incidents with this origin").format(count=number(current.numbered)))
    if current.epoch:
        print(_t("epoch:     {epoch}").format(epoch=current.epoch))
    else:
        print(_t("epoch:     none yet"))
    if current.key_id:
        print(_t("key id:    {key}").format(key=current.key_id))
        print(_t("fingerprint: {fingerprint}").format(fingerprint=current.fingerprint))
    else:
        print(_t("key id:    none yet: run 'sitcentre install init --role ... --origin ...' to make the signing key"))
    return EXIT_OK


def _peer(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services import keys, peers

    if not args.origin:
        found = peers.list_peers(engine)
        off = _t("(switched off)")
        for peer in found:
            print(f"{peer.origin:<16} {peer.policy} v{peer.version}{'' if peer.enabled else '  ' + off}")
        if not found:
            print(_t("no peer centres: 'sitcentre install peer --origin CODE [--policy NAME]' adds one"))
        return EXIT_OK
    try:
        peer = peers.set_peer(engine, args.origin, args.policy, actor=cli_actor())
    except (peers.PeerError, keys.ExchangeNotReady) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(_t("{origin} is a peer centre: bundles for it carry what sharing policy {policy} v{version} "
             "releases").format(origin=peer.origin, policy=peer.policy, version=peer.version))
    print(_t("Trust its key ('sitcentre keys trust FILE'), then 'sitcentre bundle export --to {origin} ...'.").format(
        origin=peer.origin))
    return EXIT_OK


def _new_epoch(engine: Engine, reason: str) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services import keys

    try:
        epoch = keys.new_epoch(engine, actor=cli_actor(), reason=reason)
    except keys.ExchangeNotReady as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(_t("new feed epoch {epoch}: the next bundle starts a new feed, and the centre sends back this "
             "installation's records as it holds them; new incident numbers go on from the next thousand, so "
             "none given since the backup is given again").format(epoch=epoch))
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
    print(_t("seed bundle for {post} written to {path}").format(post=args.post.upper(), path=path))
    if with_identity is not None and with_identity.fingerprint:
        print(_t("Read this fingerprint out to the post when it sets up: {fingerprint}").format(
            fingerprint=with_identity.fingerprint))
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
        print(_t("sitcentre: --seed sets up a post: use --role post"), file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.seed).expanduser()
    try:
        if path.stat().st_size > bundle.Limits().max_file:
            raise seed.SeedError(_t("{path} is far too large to be a seed bundle.").format(path=path))
        data = path.read_bytes()
    except OSError as exc:
        print(_t("sitcentre: cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_USAGE
    except seed.SeedError as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE

    def confirm(centre) -> bool:
        print(_t("seed from:   {origin} (situation centre)").format(origin=centre.origin))
        print(_t("key id:      {key}").format(key=centre.key_id))
        print(_t("fingerprint: {fingerprint}").format(fingerprint=fingerprint(centre.public_key)))
        return args.yes or _confirmed(_t("Does this fingerprint match the one read out by {origin}? [y/N] ").format(
            origin=centre.origin))

    try:
        done = seed.init_from_seed(engine, data, origin=args.origin, actor=cli_actor(), confirm=confirm)
    except (seed.SeedError, installation.InstallationError) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BundleRejected as exc:
        print(_t("sitcentre: this seed cannot be used: {problem}").format(problem=exc.message), file=sys.stderr)
        return EXIT_USAGE
    print(_t("this installation is now post {origin}, set up from its centre's seed").format(origin=done.origin_code))
    print(_t("signing key {key}, fingerprint {fingerprint}").format(key=done.key_id, fingerprint=done.fingerprint))
    print(_t("Next: 'sitcentre keys export --out FILE' and send the file to the centre; read it this fingerprint."))
    return EXIT_OK
