"""A private PostgreSQL cluster for the sign-in and TLS tests: scram-sha-256 passwords and TLS, unlike the
shared test server (trust auth, where any password would pass).

initdb in a temporary folder owned by the `postgres` OS user (the tests run as root; PostgreSQL refuses to
run as root), a free port on 127.0.0.1, the unix socket in the same folder, ssl=on with a server certificate
for localhost and 127.0.0.1 signed by a throwaway CA made here with `cryptography`. pg_hba: the unix socket
trusts `postgres` (the tests' superuser door); TCP asks every login for a SCRAM-SHA-256 password, with or
without TLS (but the database name tls_only is refused without TLS, as a hostssl-only server would).
Stopped and deleted at the end of the session.

    cluster = request.getfixturevalue("pg_private")      # a PrivateCluster
    cluster.superuser_url("sc_x")                          # postgres over the unix socket (trust)
    cluster.tcp_url("sc_x", tls=True)                      # no user name: each person signs in
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PG_BIN = Path(os.environ.get("SITCENTRE_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_OS_USER = "postgres"

HBA = """\
local   all   postgres                  trust
hostnossl tls_only all  127.0.0.1/32    reject
hostssl all   all       127.0.0.1/32    scram-sha-256
host    all   all       127.0.0.1/32    scram-sha-256
"""


class PrivateClusterError(RuntimeError):
    """The private cluster could not be made: the tests fail with this reason (they never skip)."""


@dataclass(frozen=True)
class PrivateCluster:
    root: Path
    port: int
    ca_file: Path  # the CA that signed the server's certificate
    other_ca_file: Path  # a CA that signed nothing of this server's: verify-full with it must fail

    @property
    def socket_dir(self) -> Path:
        return self.root

    def superuser_url(self, database: str = "postgres") -> str:
        """postgres over the unix socket (trust): for making databases, migrating and securing them."""
        return f"postgresql://postgres@/{database}?host={quote(str(self.socket_dir))}&port={self.port}"

    def tcp_url(self, database: str, tls: bool = False, ca_file: Path | None = None, host: str = "127.0.0.1",
                user: str | None = None) -> str:
        """A TCP address without a user name (each person signs in); tls: sslmode=verify-full with the CA."""
        who = f"{quote(user, safe='')}@" if user else ""
        url = f"postgresql://{who}{host}:{self.port}/{database}"
        if tls:
            url += f"?sslmode=verify-full&sslrootcert={quote(str(ca_file or self.ca_file))}"
        return url

    def execute(self, sql: str, database: str = "postgres", params=None) -> list[tuple]:
        """Run one statement as the superuser (autocommit); its rows, if any."""
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres", dbname=database,
                             autocommit=True) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", PG_OS_USER, "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + list(command), capture_output=True, text=True, timeout=120, cwd=cwd)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, issuer: str, public_key, signing_key, ca: bool, hosts: tuple[str, ...] = ()):
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=7))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if hosts:
        names = [x509.IPAddress(ipaddress.ip_address(h)) if h[0].isdigit() else x509.DNSName(h) for h in hosts]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def write_certificates(folder: Path) -> tuple[Path, Path]:
    """server.crt/server.key for localhost and 127.0.0.1, signed by ca.crt; other-ca.crt signs nothing."""
    ca_key, other_key, server_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    ca = _certificate("sitcentre test CA", "sitcentre test CA", ca_key.public_key(), ca_key, ca=True)
    other = _certificate("another CA", "another CA", other_key.public_key(), other_key, ca=True)
    server = _certificate("localhost", "sitcentre test CA", server_key.public_key(), ca_key, ca=False,
                          hosts=("localhost", "127.0.0.1"))
    pem = serialization.Encoding.PEM
    (folder / "server.crt").write_bytes(server.public_bytes(pem))
    (folder / "server.key").write_bytes(_pem_key(server_key))
    (folder / "server.key").chmod(0o600)
    (folder / "ca.crt").write_bytes(ca.public_bytes(pem))
    (folder / "other-ca.crt").write_bytes(other.public_bytes(pem))
    return folder / "ca.crt", folder / "other-ca.crt"


def _check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        raise PrivateClusterError(f"{what} failed (exit {result.returncode}): {result.stderr.strip()[-800:]}")


def start_cluster() -> PrivateCluster:
    """initdb, certificates, configuration, pg_ctl start; PrivateClusterError with the reason otherwise."""
    if not (PG_BIN / "initdb").exists():
        raise PrivateClusterError(f"no initdb in {PG_BIN} (set SITCENTRE_TEST_PG_BIN to PostgreSQL's bin folder)")
    root = Path(tempfile.mkdtemp(prefix="sitcentre-pg-"))
    data = root / "data"
    try:
        ca_file, other_ca = write_certificates(root)
        if os.geteuid() == 0:
            shutil.chown(root, PG_OS_USER, PG_OS_USER)
            for path in root.iterdir():
                shutil.chown(path, PG_OS_USER, PG_OS_USER)
        _check(_as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                            "--encoding=UTF8", "--no-sync", cwd=root), "initdb")
        port = free_port()
        settings = {"port": port, "listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{root}'",
                    "ssl": "on", "ssl_cert_file": f"'{root / 'server.crt'}'",
                    "ssl_key_file": f"'{root / 'server.key'}'", "password_encryption": "'scram-sha-256'",
                    "fsync": "off", "max_connections": 60, "log_min_messages": "warning"}
        conf = "".join(f"{key} = {value}\n" for key, value in settings.items())
        with open(data / "postgresql.conf", "a", encoding="utf-8") as file:
            file.write(conf)
        (data / "pg_hba.conf").write_text(HBA, encoding="utf-8")
        _check(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
                            "-t", "60", "start", cwd=root), "pg_ctl start")
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return PrivateCluster(root=root, port=port, ca_file=ca_file, other_ca_file=other_ca)


def stop_cluster(cluster: PrivateCluster) -> None:
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(cluster.root / "data"), "-m", "immediate", "-w", "stop",
                 cwd=cluster.root)
    shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_private() -> Iterator[PrivateCluster]:
    """The session's private cluster; a test that needs it fails (never skips) when it cannot start."""
    try:
        cluster = start_cluster()
    except PrivateClusterError as exc:
        pytest.fail(f"cannot start the private PostgreSQL cluster for the sign-in tests: {exc}")
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


# ------------------------------------------------------------------------------ a secured database on it

PEOPLE = {  # username -> (role, password the account had before the database was secured, disabled)
    "alice": ("operator", "alice-app-password-1", False),
    "bob": ("supervisor", "bob-app-password-1", False),
    "carol": ("operator", "carol-app-password-1", True),
    "root": ("admin", "root-app-password-1", False),
}


@dataclass(frozen=True)
class SecuredDatabase:
    cluster: PrivateCluster
    name: str  # D: the logins are D.<username>
    one_time: dict[str, str]  # username -> the one-time password securing gave its login

    @property
    def superuser_url(self) -> str:
        return self.cluster.superuser_url(self.name)

    def url(self, tls: bool = False, **kwargs) -> str:
        """The user-less address: each person signs in with their own login."""
        return self.cluster.tcp_url(self.name, tls=tls, **kwargs)

    def login(self, username: str) -> str:
        return f"{self.name}.{username}"

    def psql(self, sql: str, params=None) -> list[tuple]:
        return self.cluster.execute(sql, self.name, params)


@pytest.fixture(scope="session")
def pg_private_template(pg_private: PrivateCluster) -> str:
    """A database of the private cluster migrated to head with the reference data, copied by each test."""
    from sitcentre.db import migrate
    from sitcentre.db.engine import make_engine
    from sitcentre.services.demo import seed_reference_data
    from sitcentre.settings import Settings

    name = "sc_private_tmpl"
    pg_private.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(pg_private.superuser_url(name), Settings(data_dir=pg_private.root / "settings"))
    try:
        migrate.upgrade(engine)
        seed_reference_data(engine)
    finally:
        engine.dispose()
    return name


@pytest.fixture
def secured_db(pg_private: PrivateCluster, pg_private_template: str, tmp_path: Path) -> Iterator[SecuredDatabase]:
    """A fresh copy with the accounts of PEOPLE, secured: each account a login with a one-time password."""
    import uuid

    name = f"scl_{uuid.uuid4().hex[:8]}"
    pg_private.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_private_template}"')
    try:
        _add_people(pg_private.superuser_url(name), tmp_path)
        one_time = secure(pg_private, name, tmp_path)
        yield SecuredDatabase(pg_private, name, one_time)
    finally:
        pg_private.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _add_people(url: str, tmp_path: Path) -> None:
    from sitcentre.db.engine import make_engine
    from sitcentre.domain.permissions import Actor
    from sitcentre.services.users import UserService
    from sitcentre.settings import Settings

    settings = Settings(data_dir=tmp_path)
    engine = make_engine(url, settings)
    try:
        users = UserService(engine, settings)
        system = Actor.system_actor("tests")
        for username, (role, password, disabled) in PEOPLE.items():
            users.add(username, role, password, actor=system)
            if disabled:
                users.disable(username, actor=system)
    finally:
        engine.dispose()


def secure(cluster: PrivateCluster, database: str, tmp_path: Path) -> dict[str, str]:
    """`sitcentre db secure` (its service, in-process: the command's own tests run the CLI) as the superuser;
    the one-time passwords it gave the logins, by username."""
    from sitcentre.db.engine import make_engine
    from sitcentre.services.db_secure import secure as secure_database
    from sitcentre.settings import Settings

    engine = make_engine(cluster.superuser_url(database), Settings(data_dir=tmp_path / "secure-data"))
    try:
        result = secure_database(engine)
    finally:
        engine.dispose()
    if set(result.logins_made) != set(PEOPLE):
        raise PrivateClusterError(f"db secure made logins for {sorted(result.logins_made)}, not {sorted(PEOPLE)}")
    return dict(result.logins_made)
