"""The centre's HTTPS endpoint (issue 13, item 5; docs/exchange.md, "Online sync"): a Starlette application.

    POST  /v1/bundles                 a whole bundle: imported (or "already"), refused (kept aside), 413, 503
    HEAD  /v1/bundles/{id}            200 when imported here, else 404
    HEAD  /v1/uploads/{id}            200 + Upload-Offset (bytes held of a resumable upload)
    PATCH /v1/uploads/{id}            the next chunk; the last one imports the bundle as POST does
    GET   /v1/bundles/outgoing?origin=X   with X-Sitcentre-Auth: the bundle for X, or 204

Imports and exports run on worker threads (run_in_threadpool): the event loop only moves bytes. Every answer
is JSON with words (no traceback ever leaves: they are logged).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import time
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sitcentre.db.errors import SitcentreDbError
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Actor
from sitcentre.exchange.bundle_zip import Limits
from sitcentre.exchange.errors import BundleRejected
from sitcentre.repositories import inbox
from sitcentre.server import auth, screening
from sitcentre.server.spool import Spool
from sitcentre.server.uploads import BUNDLE_ID, UploadError, Uploads, first_member
from sitcentre.services.exchange_export import ExportRefused, export_bundle
from sitcentre.services.exchange_import import import_bundle
from sitcentre.services.keys import ExchangeNotReady
from sitcentre.settings import Settings

log = logging.getLogger(__name__)

ACTOR = Actor.system_actor("serve")
BUNDLE_TYPE = "application/vnd.sitcentre.bundle"
RETRY_AFTER_S = 2
DEFAULT_MAX_UPLOADS = 4
DEFAULT_QUOTA_BYTES = 512 * 2**20
HEAD_MAX = Limits().max_envelope + 64 * 1024  # an upload whose envelope is not within this is no bundle
KEY_REFUSALS = ("unknown_key", "revoked_key")
IDLE_S = 30.0  # an upload that sends nothing for this long is dropped (it would hold a slot)
MIN_RATE = 1024  # bytes per second on average, after RATE_GRACE_S: a trickle does not hold a slot for days
RATE_GRACE_S = 60.0
RESEND_AFTER_S = 3600  # a bundle without entries, already sent, is sent again after this (its download may have
# been lost after the server sent it: the post's confirmations would otherwise wait for the next change)


@dataclass
class _State:
    engine: Engine
    settings: Settings
    spool: Spool
    uploads: Uploads
    max_uploads: int
    max_bundle: int
    idle_s: float = IDLE_S
    active: int = 0
    returned: dict[str, tuple[str, float]] = field(default_factory=dict)  # origin -> (digest, when) last sent


def make_app(engine: Engine, settings: Settings, *, spool: str | os.PathLike, max_uploads: int = DEFAULT_MAX_UPLOADS,
             quota_bytes: int = DEFAULT_QUOTA_BYTES, max_bundle: int | None = None,
             idle_s: float = IDLE_S) -> Starlette:
    """The application over `engine` (a centre's database); `spool` the folder for partial uploads and refused
    files, within quota_bytes; at most max_uploads uploads at once; a bundle at most max_bundle bytes."""
    cap = Limits().max_file if max_bundle is None else int(max_bundle)
    store = Spool(spool, quota_bytes)
    state = _State(engine, settings, store, Uploads(store, cap), max(1, int(max_uploads)), cap, idle_s)

    def bound(handler):
        async def endpoint(request: Request) -> Response:
            return await handler(state, request)
        return endpoint

    routes = [
        Route("/v1/bundles", bound(post_bundle), methods=["POST"]),
        Route("/v1/bundles/outgoing", bound(get_outgoing), methods=["GET"]),
        Route("/v1/bundles/{bundle_id}", bound(head_bundle), methods=["HEAD"]),
        Route("/v1/uploads/{bundle_id}", bound(head_upload), methods=["HEAD"]),
        Route("/v1/uploads/{bundle_id}", bound(patch_upload), methods=["PATCH"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error, Exception: _unexpected})
    app.state.sitcentre = state
    return app


# ------------------------------------------------------------------------------------------------ answers

def _error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"status": "error", "code": code, "message": message}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    words = {404: "There is nothing at this address.", 405: "This address does not take that method."}
    return _error(exc.status_code, "bad_request", words.get(exc.status_code, str(exc.detail)), exc.headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return _error(500, "internal", "The server could not do this; the details are in its log.")


def _upload_error(exc: UploadError) -> JSONResponse:
    headers = {"Upload-Offset": str(exc.offset)} if exc.offset is not None else {}
    if exc.status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_S)
    return _error(exc.status, exc.code, exc.message, headers)


def _summary_json(summary) -> dict:
    """The import summary as the server answers it: the counts, without `records` (up to 500 ids per result,
    which the post has no use for)."""
    data = asdict(summary)
    data.pop("records", None)
    return data

def _unavailable(exc: Exception) -> JSONResponse:
    log.error("the database failed during a request", exc_info=exc)
    return _error(503, "unavailable", "The centre's database cannot be reached now; try again later.",
                  {"Retry-After": str(RETRY_AFTER_S * 15)})


@asynccontextmanager
async def _upload_slot(state: _State):
    """At most max_uploads at once; beyond, 503 at once (never a queue that fills memory)."""
    if state.active >= state.max_uploads:
        raise UploadError(503, "busy", "The centre is receiving as many uploads as it takes at once; try again "
                                       "in a moment.")
    state.active += 1
    try:
        yield
    finally:
        state.active -= 1


async def _chunks(state: _State, request: Request):
    """The body's chunks as they arrive; UploadError(408) when the sender goes quiet for idle_s or, after
    RATE_GRACE_S, averages less than MIN_RATE: a slot is not held by a connection that hardly sends."""
    stream = request.stream().__aiter__()
    loop = asyncio.get_running_loop()
    started, received = loop.time(), 0
    while True:
        try:
            chunk = await asyncio.wait_for(stream.__anext__(), state.idle_s)
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise UploadError(408, "timeout", f"The upload sent nothing for {state.idle_s:g} s.") from None
        received += len(chunk)
        elapsed = loop.time() - started
        if elapsed > RATE_GRACE_S and received < MIN_RATE * elapsed:
            raise UploadError(408, "timeout", "The upload arrives too slowly to be taken.")
        yield chunk


async def _read_capped(state: _State, request: Request, cap: int) -> bytes:
    """The body, counted as it arrives (Content-Length is only used to refuse early); 413 past the cap."""
    declared = request.headers.get("content-length", "")
    too_large = UploadError(413, "too_large", f"A bundle is at most {cap:,} bytes.")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    body = bytearray()
    async for chunk in _chunks(state, request):
        body += chunk
        if len(body) > cap:
            raise too_large
    return bytes(body)


async def _import(state: _State, data: bytes, file_name: str) -> Response:
    """Import as a file would be (services.exchange_import); a refusal keeps the bytes aside within the quota."""
    try:
        summary = await run_in_threadpool(import_bundle, state.engine, state.settings, data, actor=ACTOR,
                                          file_name=file_name)
    except BundleRejected as exc:
        kept = await run_in_threadpool(state.spool.keep_refused, data, exc.code)
        status = 403 if exc.code in KEY_REFUSALS else 413 if exc.code == "too_large" else 422
        log.info("upload refused (%s): %s", exc.code, exc.message)
        return JSONResponse({"status": "refused", "code": exc.code, "message": exc.message, "kept": kept is not None},
                            status_code=status)
    except (SitcentreDbError, OperationalError) as exc:
        return _unavailable(exc)
    if summary.already:
        return JSONResponse({"status": "already", "bundle_id": summary.bundle_id,
                             "message": "This bundle was imported here before."})
    log.info("bundle %s from %s imported over HTTPS", summary.bundle_id[:8], summary.sender)
    return JSONResponse({"status": "imported", "bundle_id": summary.bundle_id, "summary": _summary_json(summary),
                         "message": f"Bundle from {summary.sender} imported."})


# ------------------------------------------------------------------------------------------------ routes

async def post_bundle(state: _State, request: Request) -> Response:
    try:
        async with _upload_slot(state):
            data = await _read_capped(state, request, state.max_bundle)
            return await _import(state, data, "https-upload")
    except UploadError as exc:
        return _upload_error(exc)
    except ClientDisconnect:
        log.info("an upload was cut off by the client")
        return _error(400, "bad_request", "The upload was cut off.")


async def head_bundle(state: _State, request: Request) -> Response:
    bundle_id = request.path_params["bundle_id"]
    if not BUNDLE_ID.fullmatch(bundle_id):
        return Response(status_code=404)

    def held() -> bool:
        with UnitOfWork(state.engine) as uow:
            return inbox.bundle_summary(uow.session, bundle_id) is not None

    try:
        return Response(status_code=200 if await run_in_threadpool(held) else 404)
    except (SitcentreDbError, OperationalError) as exc:
        log.error("HEAD bundle failed", exc_info=exc)
        return Response(status_code=503, headers={"Retry-After": str(RETRY_AFTER_S * 15)})


async def head_upload(state: _State, request: Request) -> Response:
    try:
        held, length = state.uploads.held(request.path_params["bundle_id"])
    except UploadError as exc:
        return Response(status_code=exc.status)
    headers = {"Upload-Offset": str(held), "Cache-Control": "no-store"}
    if length is not None:
        headers["Upload-Length"] = str(length)
    return Response(status_code=200, headers=headers)


def _header_int(request: Request, name: str) -> int:
    value = request.headers.get(name, "")
    if not value.isdigit() or len(value) > 15:
        raise UploadError(400, "bad_request", f"The {name} header must be a whole number of bytes.")
    return int(value)


async def patch_upload(state: _State, request: Request) -> Response:
    bundle_id = request.path_params["bundle_id"]
    try:
        offset, length = _header_int(request, "Upload-Offset"), _header_int(request, "Upload-Length")
        async with _upload_slot(state):
            path = state.uploads.begin(bundle_id, offset, length)
            try:
                held = await _receive_chunk(state, request, bundle_id, path, offset, length)
            finally:
                state.uploads.end(bundle_id)
            if held < length:
                return Response(status_code=204, headers={"Upload-Offset": str(held)})
            data = await run_in_threadpool(state.uploads.take, bundle_id)
            envelope = first_member(data)
            if envelope is None or envelope.bundle_id != bundle_id:
                return _error(422, "wrong_id", "These bytes are not the bundle named in the upload's address.")
            return await _import(state, data, f"https-upload-{bundle_id[:8]}")
    except UploadError as exc:
        return _upload_error(exc)
    except BundleRejected as exc:
        state.uploads.drop(bundle_id)
        log.info("resumable upload %s refused at its first bytes (%s)", bundle_id[:8], exc.code)
        status = 403 if exc.code in KEY_REFUSALS else 422
        return JSONResponse({"status": "refused", "code": exc.code, "message": exc.message, "kept": False},
                            status_code=status)
    except (SitcentreDbError, OperationalError) as exc:
        return _unavailable(exc)


async def _receive_chunk(state: _State, request: Request, bundle_id: str, path: Path, offset: int,
                         length: int) -> int:
    """Append the request's body to the partial file; the bytes held after it. The envelope is checked as soon
    as it has arrived (BundleRejected); a cut connection keeps what was written."""
    held = offset
    head = bytearray()
    if state.uploads.needs_check(bundle_id) and offset:
        head += await run_in_threadpool(state.uploads.read_head, path, HEAD_MAX)
    with open(path, "ab") as out:
        try:
            async for chunk in _chunks(state, request):
                if not chunk:
                    continue
                if held + len(chunk) > length:
                    raise UploadError(413, "too_large", f"More bytes than the Upload-Length ({length}).", held)
                if not state.spool.reserve(len(chunk)):
                    raise UploadError(507, "spool_full", "The centre's spool for uploads is full; try again later "
                                                         "or send the bundle whole.", held)
                out.write(chunk)
                held += len(chunk)
                if state.uploads.needs_check(bundle_id):
                    head += chunk[:HEAD_MAX - len(head)]
                    await _screen(state, bundle_id, bytes(head), complete=held == length)
        except ClientDisconnect:
            log.info("upload %s cut off at %d of %d bytes", bundle_id[:8], held, length)
        except UploadError as exc:
            exc.offset = held if exc.offset is None else exc.offset  # what the client resumes from
            raise
    return held


async def _screen(state: _State, bundle_id: str, head: bytes, *, complete: bool) -> None:
    envelope = first_member(head)
    if envelope is None:
        if complete or len(head) >= HEAD_MAX:
            raise BundleRejected("bad_member", "The upload does not begin with a bundle's signature block.")
        return
    await run_in_threadpool(screening.check_envelope, state.engine, envelope, bundle_id)
    state.uploads.checked(bundle_id)


async def get_outgoing(state: _State, request: Request) -> Response:
    origin = request.query_params.get("origin", "")
    try:
        claim = auth.parse(request.headers.get(auth.HEADER))
        if claim.origin != origin:
            raise auth.AuthRefused(403, f"The {auth.HEADER} header is signed for {claim.origin}, not for "
                                        f"{origin or 'the origin asked'}.")
        auth.check(claim, await run_in_threadpool(screening.download_keys, state.engine, origin))
    except auth.AuthRefused as exc:
        log.info("download for %r refused: %s", origin, exc.message)
        return _error(exc.status, "unauthorised", exc.message)
    except (SitcentreDbError, OperationalError) as exc:
        return _unavailable(exc)
    folder = state.spool.outbox_folder()
    try:
        result = await run_in_threadpool(export_bundle, state.engine, state.settings, to=origin, out=folder,
                                         actor=ACTOR)
        data = await run_in_threadpool(result.path.read_bytes)
    except ExportRefused as exc:
        return _error(404, "unknown_recipient", str(exc))
    except ExchangeNotReady as exc:
        return _error(503, "not_ready", str(exc))
    except (SitcentreDbError, OperationalError) as exc:
        return _unavailable(exc)
    finally:
        state.spool.drop_outbox(folder)
    digest = _digest(data)
    last, at = state.returned.get(origin, ("", 0.0))
    if result.empty and last == digest and time.monotonic() - at < RESEND_AFTER_S:
        return Response(status_code=204)

    def sent() -> None:  # after the body went out
        state.returned[origin] = (digest, time.monotonic())

    return Response(data, media_type=BUNDLE_TYPE, headers={"X-Bundle-Id": result.bundle_id},
                    background=BackgroundTask(sent))


def _digest(data: bytes) -> str:
    """What a bundle without entries tells its recipient: its acknowledgements and reference data (their part's
    hash), the feed's position. Two such bundles with one digest say the same thing."""
    manifest = first_member(data).manifest()
    parts = [p for p in manifest.get("parts") or [] if isinstance(p, dict) and p.get("name") != "entries.jsonl"]
    said = {"acks": manifest.get("acks"), "feed": manifest.get("feed"), "refdata": manifest.get("refdata_version"),
            "parts": parts}
    return hashlib.sha256(json.dumps(said, sort_keys=True, default=str).encode()).hexdigest()
