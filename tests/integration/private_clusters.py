"""Throwaway PostgreSQL clusters of our own (initdb in a temporary folder, a free port on 127.0.0.1).

For the tests that stop, crash, copy and promote a server: never the shared test server on 5432, whose data
other tests use. The clusters run as the `postgres` OS user when the tests run as root (initdb refuses root),
listen on 127.0.0.1 only, trust local connections, and are removed with their folder afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def postgres_bin() -> Path | None:
    """The folder of initdb/pg_ctl/pg_basebackup: PATH first, else the newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_basebackup"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run as the postgres OS user when we are root (initdb and postgres refuse to run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class Workspace:
    """A temporary folder the postgres OS user owns, holding the clusters of one test."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="sitcentre-pg-"))
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.clusters: list[Cluster] = []

    def cluster(self, name: str) -> Cluster:
        cluster = Cluster(self, name, free_port())
        self.clusters.append(cluster)
        return cluster

    def run(self, cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(_as_postgres(cmd), capture_output=True, text=True, check=check, timeout=120,
                              cwd=self.root)

    def close(self) -> None:
        for cluster in self.clusters:
            cluster.stop("immediate", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


class Cluster:
    def __init__(self, workspace: Workspace, name: str, port: int):
        self.ws = workspace
        self.data = workspace.root / name
        self.port = port
        self.bin = postgres_bin()
        assert self.bin is not None, "no PostgreSQL server binaries (initdb) on this machine"

    def tool(self, name: str) -> str:
        return str(self.bin / name)

    def initdb(self) -> None:
        self.ws.run([self.tool("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                     "--no-instructions"])
        self.configure(wal_level="replica", max_wal_senders="5", hot_standby="on", fsync="off",
                       listen_addresses="'127.0.0.1'")

    def copy_of(self, stopped: Cluster) -> None:
        """This cluster starts as a file copy of a stopped one (same system identifier: fine for tests)."""
        self.ws.run(["cp", "-a", str(stopped.data), str(self.data)])

    def configure(self, **settings: str) -> None:
        """Append settings to postgresql.conf (written as the postgres user: the file is theirs)."""
        lines = "".join(f"{key} = {value}\n" for key, value in settings.items())
        subprocess.run(_as_postgres(["sh", "-c", f"cat >> '{self.data}/postgresql.conf'"]), input=lines,
                       text=True, check=True, timeout=30)

    def base_backup_of(self, primary: Cluster) -> None:
        """A standby: pg_basebackup -R (standby.signal and primary_conninfo written for us)."""
        self.ws.run([self.tool("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                     "-D", str(self.data), "-R", "-X", "stream", "-c", "fast"])

    def start(self) -> None:
        self.ws.run([self.tool("pg_ctl"), "-D", str(self.data), "-l", str(self.data) + ".log", "-w", "-t", "60",
                     "-o", f"-p {self.port} -k {self.data}", "start"])

    def stop(self, mode: str = "fast", check: bool = True) -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        self.ws.run([self.tool("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"], check=check)

    def promote(self) -> None:
        self.ws.run([self.tool("pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "promote"])

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres"):
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else None

    def wait_replayed_from(self, primary: Cluster, timeout: float = 30.0) -> None:
        """Wait until this standby has replayed everything the primary has written so far."""
        [(target,)] = primary.execute("SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            [(done,)] = self.execute(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
            if done:
                return
            time.sleep(0.1)
        raise AssertionError(f"the standby did not replay up to {target} within {timeout} s")
