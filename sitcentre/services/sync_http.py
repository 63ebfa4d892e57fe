"""The HTTP side of online sync (docs/exchange.md, "Online sync (issue 13)"): the pinned TLS context, the signed
X-Sitcentre-Auth header, one bundle's upload (whole, or resumable in chunks) and the download of the bundle
waiting for this installation. Network failures leave as SyncUnreachable with words for a person; what the
centre refuses is an answer (Answer.refused), not an exception. services.sync_client runs the round.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import ssl
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sitcentre.domain.errors import OperatorError
from sitcentre.exchange.bundle_zip import ENVELOPE

AUTH_CONTEXT = "sitcentre-sync-v1"
OUTGOING = "/v1/bundles/outgoing"
CHUNK_BYTES = 1 << 20            # one PATCH of a resumable upload
RESUMABLE_OVER = 2 << 20         # bundles above this go in chunks (a broken connection resumes, not restarts)
CONNECT_S, READ_S = 15.0, 600.0  # the centre imports a whole bundle before it answers the last chunk
BUSY_TRIES, BUSY_WAIT_MAX_S = 3, 5.0
ENVELOPE_MAX = 4 << 20


class SyncUnreachable(Exception):
    """The centre cannot be reached, or the connection broke, or it answered like no sitcentre centre;
    `message` is for a person. The round stops its uploads (the next round tries again)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PinnedCertificateError(OperatorError, ValueError):
    """The certificate to pin is not a PEM certificate."""


@dataclass(frozen=True)
class Answer:
    """What the centre said about one upload or download: `status` 'imported', 'already', 'refused' or
    'nothing' (no bundle waiting); `message` its words, `code` the refusal code, `summary` the import's."""

    status: str
    message: str = ""
    code: str = ""
    summary: dict | None = None
    data: bytes = b""
    bundle_id: str = ""

    @property
    def refused(self) -> bool:
        return self.status == "refused"


# ------------------------------------------------------------------------------------------- connection

def pinned_context(cert_pem: str) -> ssl.SSLContext:
    """TLS trusting `cert_pem` alone (the centre's own certificate, or the CA that signed it): never the
    system's authorities. A leaf certificate pinned on its own is accepted as the end of the chain."""
    if not cert_pem or "-----BEGIN CERTIFICATE-----" not in cert_pem:
        raise PinnedCertificateError("The centre's certificate must be a PEM file (it begins with "
                                     "'-----BEGIN CERTIFICATE-----').")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # no default authorities: only cadata below
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.verify_mode, context.check_hostname = ssl.CERT_REQUIRED, True
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    try:
        context.load_verify_locations(cadata=cert_pem)
    except (ssl.SSLError, ValueError) as exc:
        raise PinnedCertificateError(f"The centre's certificate cannot be read: {exc}") from exc
    return context


def fingerprint(cert_pem: str) -> str:
    """SHA-256 of the (first) certificate in the PEM text (DER), as browsers show it: 'AB:CD:...'; ValueError
    when there is none."""
    begin, end = cert_pem.find(ssl.PEM_HEADER), cert_pem.find(ssl.PEM_FOOTER)
    if begin < 0 or end < begin:
        raise ValueError("no certificate in PEM form")
    der = ssl.PEM_cert_to_DER_cert(cert_pem[begin:end + len(ssl.PEM_FOOTER)] + "\n")
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def open_client(url: str, cert_pem: str) -> httpx.Client:
    return httpx.Client(base_url=url, verify=pinned_context(cert_pem), http2=False,
                        timeout=httpx.Timeout(READ_S, connect=CONNECT_S), follow_redirects=False)


def auth_header(origin: str, private_key: str, now: int | None = None) -> str:
    """`<origin>;<unix time>;<base64 Ed25519 signature>` over the bytes
    'sitcentre-sync-v1\\n<origin>\\n<unix time>\\nGET /v1/bundles/outgoing' (the installation's key)."""
    stamp = int(time.time()) if now is None else int(now)
    message = f"{AUTH_CONTEXT}\n{origin}\n{stamp}\nGET {OUTGOING}".encode()
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key, validate=True))
    return f"{origin};{stamp};{base64.b64encode(key.sign(message)).decode('ascii')}"


def in_words(exc: Exception, url: str) -> str:
    """A network failure as a person reads it."""
    cause = exc
    while cause is not None and not isinstance(cause, ssl.SSLCertVerificationError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
        detail = getattr(cause, "verify_message", "") or ""
        if "mismatch" in detail.lower() or "hostname" in detail.lower():
            return (f"The centre's certificate is not the pinned one: it does not name {urlsplit(url).hostname} "
                    f"({detail}).")
        return "The centre's certificate is not the pinned one" + (f" ({detail})." if detail else ".")
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return f"The centre at {url} did not answer in time ({type(exc).__name__.replace('Timeout', '').lower()} "\
               "timed out)."
    if isinstance(exc, httpx.ConnectError):
        lowered = text.lower()
        if "refused" in lowered:
            return f"The centre at {url} cannot be reached: connection refused."
        if "name or service" in lowered or "nodename" in lowered or "getaddrinfo" in lowered:
            return f"The centre at {url} cannot be reached: the name {urlsplit(url).hostname} is not known."
        return f"The centre at {url} cannot be reached: {_strip_errno(text)}."
    return f"The connection to the centre at {url} broke: {_strip_errno(text)}."


def _strip_errno(text: str) -> str:
    return text.split("] ", 1)[-1].rstrip(".") if text.startswith("[Errno") else text.rstrip(".")


# ------------------------------------------------------------------------------------------- bundles

def bundle_id_of(data: bytes) -> str:
    """The id the centre knows a bundle by: SHA-256 of its signed manifest (the envelope's payload). Read
    from our own file; a file that is not a bundle raises ValueError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(ENVELOPE)
            if info.file_size > ENVELOPE_MAX:
                raise ValueError("envelope too large")
            envelope = json.loads(archive.read(info))
        payload = base64.b64decode(envelope["payload"], validate=True)
    except (zipfile.BadZipFile, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a bundle: {exc}") from exc
    return hashlib.sha256(payload).hexdigest()


def manifest_of(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        envelope = json.loads(archive.read(ENVELOPE))
    return json.loads(base64.b64decode(envelope["payload"], validate=True))


Sending = Callable[[int, int], None]  # (bytes sent, total): may raise Cancelled


def upload(client: httpx.Client, path: Path, *, chunk_bytes: int = CHUNK_BYTES,
           resumable_over: int = RESUMABLE_OVER, sending: Sending | None = None) -> Answer:
    """Send one bundle file: POST when small, else resumable PATCHes from where the centre's copy ends."""
    data = path.read_bytes()
    bundle_id = bundle_id_of(data)
    sent = sending or (lambda done, total: None)
    url = str(client.base_url)
    try:
        if len(data) <= resumable_over:
            sent(0, len(data))
            answer = _answer(_busy_aware(lambda: client.post("/v1/bundles", content=data, headers=_BUNDLE)), url)
            sent(len(data), len(data))
            return _with_id(answer, bundle_id)
        return _with_id(_resumable(client, data, bundle_id, chunk_bytes, sent, url), bundle_id)
    except httpx.HTTPError as exc:
        raise SyncUnreachable(in_words(exc, url)) from exc


_BUNDLE = {"Content-Type": "application/vnd.sitcentre.bundle"}


def _resumable(client: httpx.Client, data: bytes, bundle_id: str, chunk_bytes: int, sent: Sending,
               url: str) -> Answer:
    if client.head(f"/v1/bundles/{bundle_id}").status_code == 200:
        return Answer("already", "The centre already holds this bundle.")
    held = client.head(f"/v1/uploads/{bundle_id}")
    offset = _offset(held, url) if held.status_code == 200 else 0
    total, conflicts = len(data), 0
    while True:
        sent(offset, total)
        chunk = data[offset:offset + chunk_bytes]
        response = _busy_aware(lambda c=chunk, o=offset: client.patch(
            f"/v1/uploads/{bundle_id}", content=c,
            headers={"Upload-Offset": str(o), "Upload-Length": str(total), **_BUNDLE}))
        if response.status_code == 204:
            offset = _offset(response, url)
            continue
        if response.status_code == 409:  # the centre holds another length: go on from there
            conflicts += 1
            if conflicts > 3:
                raise SyncUnreachable(f"The centre at {url} keeps answering with another upload offset; the "
                                      "upload is tried again in the next round.")
            offset = _offset(response, url)
            continue
        sent(total, total)
        return _answer(response, url)


def _offset(response: httpx.Response, url: str) -> int:
    try:
        return max(int(response.headers["Upload-Offset"]), 0)
    except (KeyError, ValueError) as exc:
        raise SyncUnreachable(f"The server at {url} does not answer like a sitcentre centre (no upload "
                              "offset).") from exc


def _busy_aware(call: Callable[[], httpx.Response]) -> httpx.Response:
    """503 (the centre takes a few uploads at once): wait as it asks, a few times, then give up this round."""
    for attempt in range(BUSY_TRIES):
        response = call()
        if response.status_code != 503 or attempt == BUSY_TRIES - 1:
            return response
        try:
            wait = float(response.headers.get("Retry-After", "1"))
        except ValueError:
            wait = 1.0
        time.sleep(min(max(wait, 0.2), BUSY_WAIT_MAX_S))
    return response


def _json(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _answer(response: httpx.Response, url: str) -> Answer:
    body, status = _json(response), response.status_code
    words = str(body.get("message") or "")
    if status == 200 and body.get("status") in ("imported", "already"):
        return Answer(str(body["status"]), words, summary=body.get("summary"))
    if status in (401, 403, 413, 422):
        return Answer("refused", words or f"The centre refused the bundle (HTTP {status}).",
                      code=str(body.get("code") or status))
    if status in (503, 507) or status >= 500:
        raise SyncUnreachable(f"The centre at {url} cannot take the bundle now: "
                              f"{words or f'HTTP {status}'}".rstrip(".") + ".")
    raise SyncUnreachable(f"The server at {url} does not answer like a sitcentre centre (HTTP {status}).")


def _with_id(answer: Answer, bundle_id: str) -> Answer:
    return Answer(answer.status, answer.message, answer.code, answer.summary, answer.data, bundle_id)


def download(client: httpx.Client, origin: str, private_key: str, *, max_bytes: int,
             receiving: Sending | None = None) -> Answer:
    """The bundle the centre holds for `origin` ('nothing' when none is waiting), read in chunks up to
    `max_bytes`."""
    url = str(client.base_url)
    got = receiving or (lambda done, total: None)
    headers = {"X-Sitcentre-Auth": auth_header(origin, private_key)}
    try:
        with client.stream("GET", OUTGOING, params={"origin": origin}, headers=headers) as response:
            if response.status_code == 204:
                return Answer("nothing", "Nothing is waiting at the centre.")
            if response.status_code != 200:
                response.read()
                return _download_refused(response, url)
            length = response.headers.get("Content-Length") or ""
            total = int(length) if length.isdigit() else 0  # for the progress only: the body is counted
            buffer = bytearray()
            for chunk in response.iter_bytes(1 << 16):
                buffer += chunk
                if len(buffer) > max_bytes:
                    raise SyncUnreachable(f"The centre at {url} sent more than a bundle may hold "
                                          f"({max_bytes:,} bytes).")
                got(len(buffer), total)
            return Answer("received", data=bytes(buffer), bundle_id=response.headers.get("X-Bundle-Id", ""))
    except httpx.HTTPError as exc:
        raise SyncUnreachable(in_words(exc, url)) from exc


def _download_refused(response: httpx.Response, url: str) -> Answer:
    status = response.status_code
    if status in (400, 401, 403):
        body = _json(response)
        return Answer("refused", str(body.get("message") or f"The centre refused to send this installation's "
                                                             f"bundle (HTTP {status})."),
                      code=str(body.get("code") or status))
    return _answer(response, url)
