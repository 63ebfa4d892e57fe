"""Migrate-on-start: alembic upgrade in-process, with a backup of an SQLite file before it changes."""

from __future__ import annotations

import glob
import logging
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from sitcentre.db.catalogue import current_revision
from sitcentre.db.engine import is_sqlite
from sitcentre.db.errors import SchemaDamaged, SchemaTooNew

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    known: bool  # the current revision is one this app knows

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def too_new(self) -> bool:
        return self.current is not None and not self.known

    def describe(self) -> str:
        if self.too_new:
            return f"schema {self.current} is newer than this app (it knows up to {self.head})"
        if self.current is None:
            return f"empty database (this app's schema is {self.head})"
        if self.up_to_date:
            return f"schema {self.current} (up to date)"
        return f"schema {self.current}, needs upgrade to {self.head}"


def schema_status(engine: Engine) -> SchemaStatus:
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    known = current is None or any(rev.revision == current for rev in script.walk_revisions())
    return SchemaStatus(current=current, head=script.get_current_head(), known=known)


def upgrade(engine: Engine, revision: str = "head", backup: bool = True) -> SchemaStatus:
    """Bring the database to `revision`; refuse one newer than the app. Returns the final status."""
    status = schema_status(engine)
    if status.too_new:
        raise SchemaTooNew(
            f"This database was written by a newer version of sitcentre (schema {status.current}). "
            "Update sitcentre on this workstation before opening it."
        )
    if status.up_to_date and revision == "head":
        refuse_damaged_schema(engine, status)
        return status
    if backup and is_sqlite(engine) and status.current is not None:
        backup_sqlite(engine, label=status.current)
    prefix = _refuse_non_owner(engine, status)
    _run(engine, lambda cfg: command.upgrade(cfg, revision))
    if prefix is not None:
        _refresh_privileges(engine, prefix)
    final = schema_status(engine)
    if revision == "head" and status.current is not None:  # a fresh database is what the migrations made
        refuse_damaged_schema(engine, final)
    return final


def _refuse_non_owner(engine: Engine, status: SchemaStatus) -> str | None:
    """On a secured PostgreSQL database (issue 14) only its owner D_owner (or a superuser) migrates: a person's
    login gets SchemaBehind in words instead of an attempt the server would refuse half-way. Returns D."""
    if is_sqlite(engine):
        return None
    from sitcentre.db.errors import SchemaBehind
    from sitcentre.db.roles import may_migrate, owner_name, secured_prefix

    with engine.connect() as conn:
        prefix = secured_prefix(conn)
        if prefix is None or may_migrate(conn, prefix):
            return prefix
    raise SchemaBehind(f"This database is at schema {status.current} and this sitcentre needs {status.head}. "
                       f"Only the schema's owner ({owner_name(prefix)}) upgrades it: ask the administrator to run "
                       "'sitcentre db upgrade' with the owner's address, or use the sitcentre version the centre "
                       "runs.")


def _refresh_privileges(engine: Engine, prefix: str) -> None:
    """After a migration of a secured database: what it made belongs to the owner and the groups get their
    privileges on it (a new table is readable, or writable as roles.GRANTS says)."""
    from sitcentre.db.roles import apply_grants, move_ownership, secured_prefix

    with engine.begin() as conn:
        if secured_prefix(conn) != prefix:  # a downgrade below 0009 took the roles' settings away
            return
        if conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar():
            move_ownership(conn, prefix)
        apply_grants(conn, prefix)


def refuse_damaged_schema(engine: Engine, status: SchemaStatus) -> None:
    """Raise SchemaDamaged when tables, columns, indexes, triggers or functions are missing or changed.

    A few catalogue queries (sitcentre.db.schema_check), no data read: cheap enough for every start.
    """
    from sitcentre.db.schema_check import compare, damage_message

    failures = [d for d in compare(engine, status.current) if d.failure]
    if failures:
        raise SchemaDamaged(damage_message(failures, status.current or "", _backups_hint(engine)))


def _backups_hint(engine: Engine) -> str:
    if not is_sqlite(engine):
        return "the server's backups"
    source = Path(engine.url.database)
    backups = _backups_of(source)
    return f"the newest is {backups[-1]}" if backups else f"none found beside {source}"


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def _run(engine: Engine, action) -> None:
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        action(cfg)


def backup_sqlite(engine: Engine, label: str, keep: int = 5) -> Path | None:
    """Copy the SQLite file with the backup API (never a file copy of a live database).

    The copy is made in a temporary file beside the database, flushed to disk and only then renamed to its
    backup name: a failed backup (a full disk) leaves nothing that looks like a real backup."""
    source = Path(engine.url.database)
    if not source.exists() or not inspect(engine).get_table_names():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.name}.{stamp}.rev-{label}.bak")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=source.parent)
    os.close(fd)
    try:
        src, dst = sqlite3.connect(source), sqlite3.connect(temp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        with open(temp, "rb+") as copy:
            os.fsync(copy.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    log.info("backed up %s to %s before upgrading", source, target)
    for old in _backups_of(source)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def _backups_of(source: Path) -> list[Path]:
    """The backups backup_sqlite made of this file, oldest first. Its name is escaped (`post[1].sqlite` is not a
    pattern matching `post1.sqlite`) and the stamp must follow it (`post.sqlite.old`'s backups are not ours)."""
    own = re.compile(re.escape(source.name) + r"\.\d{8}T\d{6}Z\.rev-[^/]*\.bak")
    found = source.parent.glob(f"{glob.escape(source.name)}.*.bak")
    return sorted(path for path in found if own.fullmatch(path.name))
