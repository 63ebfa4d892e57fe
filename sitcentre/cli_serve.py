"""`sitcentre serve --db URL --listen HOST:PORT --cert FILE --key FILE`: the centre's HTTPS endpoint for online
sync (issue 13, item 5; sitcentre.server, docs/exchange.md "Online sync"), on uvicorn.

Exit codes (sitcentre.exit_codes): 0 stopped with Ctrl+C (or SIGTERM); 2 a certificate or key that cannot be
used, an address that cannot be listened on (in use, not this machine's), a database that is not a centre's
or not ready; 3 bad arguments. Database errors are the CLI's (2).
"""

from __future__ import annotations

import argparse
import logging
import socket
import ssl
import sys
from pathlib import Path

from sqlalchemy import Engine

from sitcentre.domain.i18n import _t
from sitcentre.exit_codes import EXIT_DATABASE, EXIT_OK
from sitcentre.logs import SHOWN_TO_USER
from sitcentre.settings import Settings

log = logging.getLogger(__name__)


def add_commands(commands, parser_class) -> None:
    serve = commands.add_parser("serve", help=_t("run the centre's HTTPS endpoint for posts to sync with"))
    serve.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                       help=_t("the centre's database (as the global --db)"))
    serve.add_argument("--listen", required=True, type=_listen, metavar="HOST:PORT",
                       help=_t("address and port to listen on, e.g. 0.0.0.0:8443"))
    serve.add_argument("--cert", required=True, metavar="FILE", help=_t("the server's TLS certificate (PEM)"))
    serve.add_argument("--key", required=True, metavar="FILE", help=_t("its private key (PEM)"))
    serve.add_argument("--spool", metavar="DIR",
                       help=_t("folder for partial uploads and refused bundles (default: <data folder>/spool)"))
    serve.add_argument("--max-uploads", type=_count, default=4, metavar="N", help=_t("uploads at once (default 4)"))
    serve.add_argument("--quota-mb", type=_megabytes, default=512, metavar="N",
                       help=_t("disk the spool may use, in MB (default 512)"))


def _listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(_t("'{text}' is not HOST:PORT, e.g. 0.0.0.0:8443").format(text=text))
    return host, int(port)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_t("'{text}' is not a whole number of at least 1").format(text=text))
    return int(text)


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_t("'{text}' is not a number of megabytes").format(text=text)) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(_t("must be more than 0"))
    return value


def _fail(words: str) -> int:
    log.error("%s", words, extra={SHOWN_TO_USER: True})
    print(f"sitcentre: {words}", file=sys.stderr)
    return EXIT_DATABASE


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.services.keys import ExchangeNotReady, own_identity

    try:
        with UnitOfWork(engine) as uow:
            me = own_identity(uow.session)
    except ExchangeNotReady as exc:
        return _fail(str(exc))
    if me.role != "centre":
        return _fail(_t("this database is the post {post}'s: 'serve' runs at a centre").format(post=me.origin))
    problem = _tls_problem(Path(args.cert), Path(args.key))
    if problem:
        return _fail(problem)
    host, port = args.listen
    try:
        sock = _bind(host, port)
    except OSError as exc:
        return _fail(_t("cannot listen on {host}:{port}: {reason}").format(host=host, port=port,
                                                                          reason=exc.strerror or exc))
    spool = Path(args.spool) if args.spool else Path(settings.data_dir) / "spool"
    try:
        return _serve(engine, settings, sock, args, spool)
    except OSError as exc:
        return _fail(_t("cannot use the spool folder {folder}: {reason}").format(folder=spool,
                                                                                reason=exc.strerror or exc))
    finally:
        sock.close()


def _tls_problem(cert: Path, key: Path) -> str | None:
    if not cert.is_file():
        return _t("the TLS certificate file {path} does not exist").format(path=cert)
    if not key.is_file():
        return _t("the TLS key file {path} does not exist").format(path=key)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        return _t("the TLS certificate {cert} and key {key} cannot be used together ({reason})").format(
            cert=cert, key=key, reason=reason)
    return None


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _serve(engine: Engine, settings: Settings, sock: socket.socket, args: argparse.Namespace, spool: Path) -> int:
    import uvicorn

    from sitcentre.server.app import make_app

    app = make_app(engine, settings, spool=spool, max_uploads=args.max_uploads,
                   quota_bytes=int(args.quota_mb * 2**20))
    config = uvicorn.Config(app, ssl_certfile=args.cert, ssl_keyfile=args.key, log_config=None, lifespan="off",
                            timeout_keep_alive=15, timeout_graceful_shutdown=10, server_header=False)
    host, port = args.listen
    print(_t("sitcentre: serving https://{host}:{port} (spool {spool}, at most {uploads} uploads at once, quota "
             "{quota} MB); Ctrl+C stops").format(host=host, port=port, spool=spool, uploads=args.max_uploads,
                                                 quota=f"{args.quota_mb:g}"), file=sys.stderr, flush=True)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops cleanly, then raises the Ctrl+C it caught again
        pass
    print(_t("sitcentre: serve stopped"), file=sys.stderr, flush=True)
    return EXIT_OK
