"""A real `sitcentre serve` process for tests: HTTPS on 127.0.0.1, a free port, a throwaway certificate.

    from tests.server_proc import ServerProcess

    with ServerProcess(centre.engine.url, tmp_path / "srv") as server:   # started, answering
        server.url        # "https://127.0.0.1:PORT"
        server.ca_file    # the server's self-signed certificate (PEM): the client pins it (--ca FILE)
        server.cert_pem   # the same, as text (exchange_links.cert_pem)
        server.client()   # an httpx.Client on server.url that trusts only that certificate
        server.kill()     # SIGKILL, as a crash or a pulled plug (no clean shutdown)
        server.restart()  # started again on the same port with the same certificate and spool; waits
    # leaving the block stops it (SIGINT, then SIGKILL if it does not go)

`db_url` is any URL `sitcentre --db` takes (a centre made with tests.integration.exchange_world.make_centre:
its SQLite file or its PostgreSQL database; pass `world.engine.url` or the URL string). Options map to the
command's: spool (default <folder>/spool), max_uploads, quota_mb. The process's output goes to
<folder>/serve.out and serve.err (server.output() reads both, for an assertion message); its data folder
(log file) is <folder>/data.

make_certificate(folder) alone gives (cert_file, key_file) for a test that starts the command itself.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 60.0  # a cold start imports SQLAlchemy, alembic and the exchange; a loaded CI box is slow


def make_certificate(folder: Path, name: str = "server") -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost (SAN) and its key: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sitcentre test server")])
    now = datetime.datetime.now(datetime.UTC)
    public = key.public_key()
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{name}-cert.pem", folder / f"{name}-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    os.chmod(key_file, 0o600)
    return cert_file, key_file


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pinned_context(ca_file: Path) -> ssl.SSLContext:
    """TLS that trusts this one certificate and nothing else (what the post does with the centre's)."""
    return ssl.create_default_context(cafile=str(ca_file))


class ServerProcess:
    """One `sitcentre serve` subprocess; see the module docstring."""

    def __init__(self, db_url, folder: Path, *, spool: Path | None = None, max_uploads: int | None = None,
                 quota_mb: float | None = None, extra_args: list[str] | None = None, env: dict | None = None):
        self.db_url = db_url if isinstance(db_url, str) else db_url.render_as_string(hide_password=False)
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.spool = Path(spool) if spool else self.folder / "spool"
        self.max_uploads, self.quota_mb = max_uploads, quota_mb
        self.extra_args = list(extra_args or [])
        self.env = dict(env or {})
        self.cert_file, self.key_file = make_certificate(self.folder)
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    # ------------------------------------------------------------------------------------------ facts

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        return self.cert_file

    @property
    def cert_pem(self) -> str:
        return self.cert_file.read_text()

    def command(self) -> list[str]:
        args = [sys.executable, "-m", "sitcentre", "serve", "--db", self.db_url,
                "--listen", f"127.0.0.1:{self.port}", "--cert", str(self.cert_file), "--key", str(self.key_file),
                "--spool", str(self.spool)]
        if self.max_uploads is not None:
            args += ["--max-uploads", str(self.max_uploads)]
        if self.quota_mb is not None:
            args += ["--quota-mb", str(self.quota_mb)]
        return args + self.extra_args

    def client(self, **kwargs):
        """An httpx.Client on this server that trusts only its certificate."""
        import httpx

        kwargs.setdefault("timeout", 30.0)
        return httpx.Client(base_url=self.url, verify=pinned_context(self.ca_file), **kwargs)

    def output(self) -> str:
        parts = []
        for name in ("serve.out", "serve.err"):
            path = self.folder / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text(errors='replace')}")
        return "\n".join(parts)

    # ------------------------------------------------------------------------------------------ life

    def start(self, timeout: float = START_TIMEOUT_S) -> ServerProcess:
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("the server is already running")
        env = {**os.environ, "SITCENTRE_DATA_DIR": str(self.folder / "data"), "PYTHONUNBUFFERED": "1",
               **self.env}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        with open(self.folder / "serve.out", "ab") as out, open(self.folder / "serve.err", "ab") as err:
            self.process = subprocess.Popen(self.command(), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                            cwd=str(ROOT), env=env)
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> None:
        """Until the server answers an HTTPS request (any status); raises with its output if it exits first."""
        import httpx

        deadline = time.monotonic() + timeout
        context = pinned_context(self.ca_file)
        while True:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise RuntimeError(f"sitcentre serve exited (code {code}) before answering\n{self.output()}")
            try:
                with httpx.Client(base_url=self.url, verify=context, timeout=2.0) as client:
                    client.head("/v1/bundles/" + "0" * 64)
                return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"sitcentre serve did not answer within {timeout:.0f} s\n{self.output()}")
            time.sleep(0.1)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as a crash."""
        if self.running():
            self.process.kill()
        if self.process is not None:
            self.process.wait(timeout=30)

    def stop(self, timeout: float = 15.0) -> int | None:
        """Ctrl+C (SIGINT), as an operator stops it; SIGKILL if it is still there after `timeout`. The exit code."""
        if self.running():
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        return None if self.process is None else self.process.returncode

    def restart(self, timeout: float = START_TIMEOUT_S) -> ServerProcess:
        """Killed if running, then started again on the same port, certificate and spool."""
        self.kill()
        return self.start(timeout)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
