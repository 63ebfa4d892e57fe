"""Anchoring the audit trail (issue 14, item 4): `sitcentre audit anchor --out FILE` writes the chain head down
outside the database, signed with the installation's key, and `sitcentre audit verify --anchor FILE` finds
every way of changing the trail behind the app's back that recomputing the hashes would otherwise hide.

The CLI runs in this process (sitcentre.cli.main) on the parametrised database, SQLite and PostgreSQL; each
tampering is done as someone with full rights to the database would (triggers off, hashes recomputed)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from sitcentre.cli import main
from sitcentre.db.engine import make_engine
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.audit_anchor import ANCHOR_PAYLOAD_TYPE
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange import signing
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.output_paths import UnsafeOutput
from sitcentre.repositories.installation import InstallationRepository
from sitcentre.services import installation
from sitcentre.services.audit_anchor import check_anchor, last_anchor, read_anchor_file
from sitcentre.services.audit_chain import HASHED_FIELDS, chain_hash, check_chain
from sitcentre.services.audit_writing import append_now
from sitcentre.settings import Settings
from tests.integration import test_pg_roles as pg_roles
from tests.integration.people import audit_rows


@pytest.fixture
def cli(db_url, tmp_path, monkeypatch, capsys):
    """`sitcentre --db URL ARGS` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("SITCENTRE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SITCENTRE_DB", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, (out, err)
        return code, out, err

    return run


def _trail(engine, rows: int, start: int = 0) -> list[int]:
    return [append_now(engine, SYSTEM, "update", "incident", str(i), {"n": i}, {"n": i + 1})
            for i in range(start, start + rows)]


def _own_key(engine) -> tuple[str, str]:
    with UnitOfWork(engine) as uow:
        row = InstallationRepository(uow.session).current()
        return row.key_id, row.public_key


@pytest.fixture
def signed(engine):
    installation.init(engine, "centre", "C", SYSTEM)  # makes the installation's Ed25519 key
    return engine


@pytest.fixture
def anchored(signed, cli, tmp_path):
    """A trail of 6 rows, anchored to tmp_path/anchor.json, then 3 more rows written normally."""
    head = _trail(signed, 6)[-1]
    code, out, err = cli("audit", "anchor", "--out", str(tmp_path / "anchor.json"))
    assert code == 0 and "signed with key" in out, (out, err)
    later = _trail(signed, 3, start=10)
    return head, later, tmp_path / "anchor.json"


# ------------------------------------------------------------------------------------------ tampering

def _off_triggers(conn, dialect: str) -> None:
    if dialect == "sqlite":
        conn.execute(text("DROP TRIGGER IF EXISTS trg_audit_log_no_upd"))
        conn.execute(text("DROP TRIGGER IF EXISTS trg_audit_log_no_del"))
    else:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only"))


def _tamper(engine, *statements: tuple[str, dict], recompute_from: int | None = None) -> None:
    """Run the statements with the append-only triggers off, then (when asked) recompute every hash from row
    `recompute_from` on, so that the chain verifies again."""
    with engine.begin() as conn:
        _off_triggers(conn, engine.dialect.name)
        for statement, params in statements:
            conn.execute(text(statement), params)
        if recompute_from is None:
            return
        prev = conn.scalar(text("SELECT hash FROM audit_log WHERE id < :id ORDER BY id DESC LIMIT 1"),
                           {"id": recompute_from}) or ""
        columns = ", ".join(HASHED_FIELDS)
        for row in conn.execute(text(f"SELECT id, {columns} FROM audit_log WHERE id >= :id ORDER BY id"),
                                {"id": recompute_from}).all():
            fields = {f: getattr(row, f) for f in HASHED_FIELDS}
            if isinstance(fields["at"], str):  # SQLite hands back text to a plain SELECT
                fields["at"] = datetime.fromisoformat(fields["at"])
            new = chain_hash(prev, **fields)
            conn.execute(text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :id"),
                         {"p": prev, "h": new, "id": row.id})
            prev = new
    assert check_chain(engine).intact  # the forger's aim: the chain alone verifies again


def _copy_rows(engine, ids: list[int], *, to_ids: list[int] | None = None, at: datetime | None = None,
               after: str = '{"n": 999}') -> list[tuple[str, dict]]:
    """INSERT statements for forged copies of rows `ids` (new content; dated `at` when given)."""
    rows = {r.id: r for r in audit_rows(engine)}
    statements = []
    for i, row_id in enumerate(ids):
        r = rows[row_id]
        params = {"at": at or r.at, "user_id": r.user_id, "username": r.username, "action": r.action,
                  "entity": r.entity, "entity_id": r.entity_id, "before_json": r.before_json, "after_json": after}
        id_column, id_value = ("id, ", ":id, ") if to_ids else ("", "")
        if to_ids:
            params["id"] = to_ids[i]
        statements.append((f"INSERT INTO audit_log ({id_column}at, user_id, username, action, entity, entity_id, "
                           f"before_json, after_json, prev_hash, hash) VALUES ({id_value}:at, :user_id, :username, "
                           ":action, :entity, :entity_id, :before_json, :after_json, '', '')", params))
    return statements


def _modify_unhashed(engine, head, later):
    _tamper(engine, ("UPDATE audit_log SET after_json = '{\"n\": 300}' WHERE id = :id", {"id": head - 2}))


def _modify_recomputed(engine, head, later):
    _tamper(engine, ("UPDATE audit_log SET after_json = '{\"n\": 300}' WHERE id = :id", {"id": head - 2}),
            recompute_from=head - 2)


def _delete_tail(engine, head, later):
    _tamper(engine, ("DELETE FROM audit_log WHERE id >= :id", {"id": head - 1}))


def _delete_after_head(engine, head, later):
    _tamper(engine, ("DELETE FROM audit_log WHERE id > :id", {"id": head}))


def _rewrite_tail(engine, head, later):
    """Every row from head-2 on replaced by forged ones under the same ids, all hashes recomputed."""
    ids = [r.id for r in audit_rows(engine) if r.id >= head - 2]
    forged = _copy_rows(engine, ids, to_ids=ids)
    _tamper(engine, ("DELETE FROM audit_log WHERE id >= :id", {"id": head - 2}), *forged, recompute_from=head - 2)


def _rewrite_anchor_entry(engine, head, later):
    """The row that records the anchor changed to name another head, hashes recomputed."""
    _tamper(engine, ("UPDATE audit_log SET after_json = '{}' WHERE id = :id", {"id": head + 1}),
            recompute_from=head + 1)


def _append_backdated(engine, head, later):
    """Forged rows appended at the end, dated an hour before the anchor, hashes recomputed."""
    end = max(r.id for r in audit_rows(engine))
    early = audit_rows(engine)[0].at - timedelta(hours=1)
    forged = _copy_rows(engine, [head - 1, head], at=early)
    _tamper(engine, *forged, recompute_from=end + 1)


TAMPERINGS = {
    "modified row, hash left": (_modify_unhashed, "broken", "broken at row"),
    "modified row, hashes recomputed": (_modify_recomputed, "rewritten", "were rewritten"),
    "deleted tail": (_delete_tail, "cut", "has been cut"),
    "deleted rows after the anchor": (_delete_after_head, "anchor_row_missing", "removed or replaced"),
    "tail rewritten, hashes recomputed": (_rewrite_tail, "rewritten", "were rewritten"),
    "anchor entry rewritten": (_rewrite_anchor_entry, "anchor_row_missing", "removed or replaced"),
    "forged rows appended, hashes recomputed": (_append_backdated, "backdated", "false date"),
}


@pytest.mark.parametrize("how", list(TAMPERINGS))
def test_verify_against_the_anchor_finds_each_tampering(signed, anchored, cli, how):
    head, later, path = anchored
    tamper, code, words = TAMPERINGS[how]
    tamper(signed, head, later)
    found = check_anchor(signed, read_anchor_file(path))
    assert not found.intact and found.problems[0].code == code, found.problems
    exit_code, out, err = cli("audit", "verify", "--anchor", str(path))
    assert exit_code == 1, (out, err)
    assert f"does NOT extend the anchor {path}" in out and words in out, out


def test_recomputed_hashes_fool_the_plain_verify_but_not_the_anchor(signed, anchored, cli):
    head, later, path = anchored
    _rewrite_tail(signed, head, later)
    assert cli("audit", "verify")[0] == 0  # the chain alone verifies again: that is why anchors exist
    assert cli("audit", "verify", "--anchor", str(path))[0] == 1


# ------------------------------------------------------------------------------------------ intact

def test_an_untouched_trail_that_grew_after_the_anchor_verifies(signed, anchored, cli):
    head, later, path = anchored
    exit_code, out, err = cli("audit", "verify", "--anchor", str(path))
    assert exit_code == 0, (out, err)
    key_id, _ = _own_key(signed)
    assert f"note: Signed with this installation's key {key_id}." in out
    assert f"last row {later[-1]} " in out and f"it extends the anchor of row #{head}," in out
    found = check_anchor(signed, read_anchor_file(path))
    assert found.intact and found.head_id == later[-1] and found.rows == len(audit_rows(signed))


def test_the_anchor_is_an_audit_entry_and_signed_with_the_installation_key(signed, anchored):
    head, later, path = anchored
    document = json.loads(path.read_text(encoding="utf-8"))
    statement, signature = document["statement"], document["signature"]
    rows = {r.id: r for r in audit_rows(signed)}
    assert list(rows)[:head] == list(range(1, head + 1))  # ids from 1 without gaps: head rows up to the head
    assert (statement["head_id"], statement["head_hash"], statement["rows"]) == (head, rows[head].hash, head)
    key_id, public_key = _own_key(signed)
    assert (signature["key_id"], signature["public_key"]) == (key_id, public_key)
    assert signing.verify(public_key, ANCHOR_PAYLOAD_TYPE, canonical_bytes(statement), signature["sig"])
    assert not signing.verify(public_key, ANCHOR_PAYLOAD_TYPE, canonical_bytes({**statement, "rows": head + 1}),
                              signature["sig"])
    entry = rows[head + 1]
    assert (entry.action, entry.entity, entry.entity_id) == ("anchor", "audit", str(head))
    assert json.loads(entry.after_json)["head_hash"] == rows[head].hash
    last = last_anchor(signed)
    assert last is not None and last.head_id == head and last.signed and last.at == entry.at


def test_an_unsigned_anchor_says_so_and_still_checks(engine, cli, tmp_path):
    head = _trail(engine, 3)[-1]
    path = tmp_path / "anchor.json"
    code, out, err = cli("audit", "anchor", "--out", str(path))
    assert code == 0 and "NOT signed" in out, (out, err)
    assert json.loads(path.read_text(encoding="utf-8"))["signature"] is None
    assert last_anchor(engine).signed is False
    code, out, _ = cli("audit", "verify", "--anchor", str(path))
    assert code == 0 and "note: The anchor is not signed" in out
    _tamper(engine, ("DELETE FROM audit_log WHERE id >= :id", {"id": head}))
    code, out, _ = cli("audit", "verify", "--anchor", str(path))
    assert code == 1 and "has been cut" in out


def test_nothing_to_anchor_on_an_empty_trail_and_never_anchored(engine, cli, tmp_path):
    assert last_anchor(engine) is None
    code, out, err = cli("audit", "anchor", "--out", str(tmp_path / "a.json"))
    assert code == 1 and "nothing to anchor" in err and not (tmp_path / "a.json").exists()


# ------------------------------------------------------------------------------------------ the file

def test_an_existing_file_is_replaced_only_when_asked(signed, cli, tmp_path):
    _trail(signed, 2)
    path = tmp_path / "anchor.json"
    path.write_text("keep me", encoding="utf-8")
    code, _out, err = cli("audit", "anchor", "--out", str(path))
    assert code == 3 and "--replace" in err and path.read_text(encoding="utf-8") == "keep me"
    assert last_anchor(signed) is None  # refused before anything was recorded
    code, out, err = cli("audit", "anchor", "--out", str(path), "--replace")
    assert code == 0, (out, err)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "sitcentre.audit-anchor"


def test_a_failed_write_leaves_neither_a_file_nor_an_anchor_entry(signed, tmp_path, monkeypatch):
    import sitcentre.services.audit_anchor as audit_anchor

    _trail(signed, 2)
    rows_before = len(audit_rows(signed))

    def half_written(_anchor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(audit_anchor, "anchor_bytes", half_written)
    with pytest.raises(UnsafeOutput, match="the disk is full"):
        audit_anchor.save_anchor(signed, tmp_path / "a.json", actor=SYSTEM, settings=Settings(data_dir=tmp_path))
    assert list(tmp_path.glob("*a.json*")) == [] and len(audit_rows(signed)) == rows_before
    assert last_anchor(signed) is None


def _edited(path, change) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def _resign_with_another_key(document) -> None:
    private, public = signing.generate()
    document["signature"] = {"payload_type": ANCHOR_PAYLOAD_TYPE, "key_id": signing.key_id(public),
                             "public_key": public,
                             "sig": signing.sign(private, ANCHOR_PAYLOAD_TYPE, canonical_bytes(document["statement"]))}


def test_a_damaged_or_forged_anchor_file_is_refused_in_words(signed, anchored, cli, tmp_path):
    head, later, path = anchored
    original = path.read_text(encoding="utf-8")

    path.write_text(original[:40], encoding="utf-8")  # cut short: not JSON
    code, _out, err = cli("audit", "verify", "--anchor", str(path))
    assert code == 3 and "is not an audit anchor" in err and err.startswith("sitcentre: ")

    path.write_text(original, encoding="utf-8")
    _edited(path, lambda d: d["statement"].update(head_id=later[0]))  # moved on without the key
    code, out, _ = cli("audit", "verify", "--anchor", str(path))
    assert code == 1 and f"the anchor {path} is refused" in out and "signature does not match" in out
    assert check_anchor(signed, read_anchor_file(path)).problems[0].code == "bad_signature"

    path.write_text(original, encoding="utf-8")
    _edited(path, _resign_with_another_key)  # a well-made signature, by someone else's key
    code, out, _ = cli("audit", "verify", "--anchor", str(path))
    assert code == 1 and "not with this installation's key" in out and "proves nothing" in out
    assert check_anchor(signed, read_anchor_file(path)).problems[0].code == "other_key"

    code, _out, err = cli("audit", "verify", "--anchor", str(tmp_path / "missing.json"))
    assert code == 3 and "Cannot read the anchor file" in err


# ------------------------------------------------------------------------------------------ db_user

@pytest.mark.pg
@pytest.mark.parametrize("backend", ["postgresql"])  # db_user is PostgreSQL's (SQLite rows have none)
def test_db_user_is_hashed_and_a_changed_one_breaks_the_chain(engine, cli):
    ids = _trail(engine, 3)
    rows = audit_rows(engine)
    assert all(r.db_user == "postgres" for r in rows)
    for r in rows:
        without = chain_hash(r.prev_hash, **{f: getattr(r, f) for f in HASHED_FIELDS if f != "db_user"})
        assert r.hash == chain_hash(r.prev_hash, **{f: getattr(r, f) for f in HASHED_FIELDS}) != without
    _tamper(engine, ("UPDATE audit_log SET db_user = 'someone_else' WHERE id = :id", {"id": ids[1]}))
    assert check_chain(engine).broken_at == ids[1]
    code, out, _ = cli("audit", "verify")
    assert code == 1 and f"BROKEN at row {ids[1]}" in out


# ------------------------------------------------------------------------------------------ secured server

secured, fresh = pg_roles.secured, pg_roles.fresh  # a database secured by 'db secure' (once), and a copy of it

@pytest.mark.pg
def test_on_a_secured_database_a_supervisors_login_anchors_and_an_operators_is_refused(secured, fresh, tmp_path):
    """Each person's own database login (issue 14, item 2): the anchor row names the supervisor's login."""
    _url, run = pg_roles._url, pg_roles.cli
    assert run(tmp_path, _url(fresh), "install", "init", "--role", "centre", "--origin", "C").returncode == 0
    path = tmp_path / "anchor.json"
    made = run(tmp_path, _url(fresh, secured.login("sasha")), "audit", "anchor", "--out", str(path))
    assert made.returncode == 0 and "signed with key" in made.stdout, (made.stdout, made.stderr)
    operator = _url(fresh, secured.login("oleg"))
    refused = run(tmp_path, operator, "audit", "anchor", "--out", str(tmp_path / "other.json"))
    assert refused.returncode == 3 and "Traceback" not in refused.stderr and not (tmp_path / "other.json").exists()
    checked = run(tmp_path, operator, "audit", "verify", "--anchor", str(path))
    assert checked.returncode == 0 and "it extends the anchor" in checked.stdout, (checked.stdout, checked.stderr)
    engine = make_engine(_url(fresh), Settings(data_dir=tmp_path))
    try:
        entry = audit_rows(engine, action="anchor")[-1]
        assert (entry.username, entry.db_user) == ("sasha", secured.login("sasha"))
    finally:
        engine.dispose()
