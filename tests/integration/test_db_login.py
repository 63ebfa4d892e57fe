"""Each person signs in to the PostgreSQL server with their own login (issue 14, items 2 and 3).

Against a private cluster (tests/pg_private.py) with scram-sha-256 passwords and TLS: the shared test server
trusts every connection, so a wrong password would pass there. The database is secured as `sitcentre db
secure` leaves it: every account a login D.<username> with a one-time password.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.backend.server_login import ServerLogin
from sitcentre.db.engine import describe_address, tls_warning
from sitcentre.domain.accounts import REFUSED_MESSAGE, LoginRefused
from sitcentre.domain.errors import DatabaseUnavailable, SitcentreDbError
from sitcentre.logs import setup_logging
from sitcentre.services.auth import password_matches
from sitcentre.settings import Settings
from tests.pg_private import SecuredDatabase, free_port

# the private cluster's fixtures (pg_private, pg_private_template, secured_db) come from tests/conftest.py

NEW_PASSWORD = "alice-own-password-2"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def _signed_in(db: SecuredDatabase, settings: Settings, username: str, password: str | None = None, **url):
    login = ServerLogin(db.url(**url), settings)
    return login, login.sign_in(username, db.one_time[username] if password is None else password)


def _session_user(desk) -> str:
    with desk.engine.connect() as conn:
        return conn.execute(text("SELECT session_user")).scalar_one()


def test_signs_in_with_the_database_login_and_its_password(secured_db, settings):
    login, desk = _signed_in(secured_db, settings, "bob")
    try:
        assert _session_user(desk) == secured_db.login("bob")
        mapped = secured_db.psql("SELECT id, role FROM users WHERE db_login = %s", (secured_db.login("bob"),))
        assert (desk.actor.id, desk.actor.role.value) == mapped[0] == (mapped[0][0], "supervisor")
        assert desk.actor.username == "bob"
        last = secured_db.psql("SELECT action, user_id, db_user FROM audit_log ORDER BY id DESC LIMIT 1")[0]
        assert last == ("login", desk.actor.id, secured_db.login("bob"))  # the server named the login
    finally:
        login.sign_out(desk)
        login.close()


def test_the_typed_name_is_normalised_to_the_accounts_login(secured_db, settings):
    login, desk = _signed_in(secured_db, settings, "  ALICE ".strip(), secured_db.one_time["alice"])
    try:
        assert _session_user(desk) == secured_db.login("alice") and desk.actor.username == "alice"
    finally:
        login.close()


@pytest.mark.parametrize("who", ["wrong password", "unknown user", "disabled login", "login without account"])
def test_every_refusal_gives_the_same_generic_message(secured_db, settings, who):
    if who == "login without account":  # a login someone made by hand, in a group, but mapped to no account
        secured_db.psql(f'CREATE ROLE "{secured_db.login("ghost")}" LOGIN PASSWORD \'ghost-password-1\' '
                        f'IN ROLE "{secured_db.name}_operators"')
    username, password = {"wrong password": ("alice", "not-her-password"),
                          "unknown user": ("zed", "whatever-password"),
                          "disabled login": ("carol", secured_db.one_time.get("carol", "carol-app-password-1")),
                          "login without account": ("ghost", "ghost-password-1")}[who]
    login = ServerLogin(secured_db.url(), settings)
    with pytest.raises(LoginRefused) as refused:
        login.sign_in(username, password)
    assert str(refused.value) == REFUSED_MESSAGE
    error = refused.value  # the server's own words (which part was wrong) are not chained to it either
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    login.close()


def test_the_disabled_account_has_a_login_the_server_will_not_let_in(secured_db):
    rows = secured_db.psql("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (secured_db.login("carol"),))
    assert rows == [(False,)]


def test_an_unreachable_server_is_not_a_refusal(secured_db, settings):
    url = f"postgresql://127.0.0.1:{free_port()}/{secured_db.name}"
    with pytest.raises(DatabaseUnavailable) as failed:
        ServerLogin(url, settings).sign_in("alice", secured_db.one_time["alice"])
    assert "Cannot reach" in str(failed.value)


@pytest.mark.parametrize(("version", "words"), [
    ("0008", "Ask an administrator to run 'sitcentre db upgrade' with the owner's address"),
    ("0099", "newer version of sitcentre"),
])
def test_a_persons_login_never_migrates_and_says_why_it_cannot_open(secured_db, settings, version, words):
    secured_db.psql("UPDATE alembic_version SET version_num = %s", (version,))
    with pytest.raises(SitcentreDbError) as refused:
        ServerLogin(secured_db.url(), settings).sign_in("bob", secured_db.one_time["bob"])
    assert words in str(refused.value)
    assert secured_db.psql("SELECT version_num FROM alembic_version") == [(version,)]  # left as it was


def test_a_one_time_password_must_be_replaced_then_only_the_new_one_works(secured_db, settings):
    login, desk = _signed_in(secured_db, settings, "alice")
    try:
        assert login.password_change_required(desk)
        fresh = login.set_new_password(desk, NEW_PASSWORD)
        assert not login.password_change_required(fresh)
        assert _session_user(fresh) == secured_db.login("alice")
    finally:
        login.close()
    with pytest.raises(LoginRefused):
        ServerLogin(secured_db.url(), settings).sign_in("alice", secured_db.one_time["alice"])
    again = ServerLogin(secured_db.url(), settings)
    assert again.sign_in("alice", NEW_PASSWORD).actor.username == "alice"
    again.close()
    stored = secured_db.psql("SELECT password_hash FROM users WHERE username = 'alice'")[0][0]
    assert password_matches(stored, NEW_PASSWORD)  # the Argon2id hash a post signs in with offline


def test_a_new_password_that_breaks_the_rules_is_refused_and_the_old_one_still_works(secured_db, settings):
    from sitcentre.domain.accounts import AccountError

    login, desk = _signed_in(secured_db, settings, "alice")
    try:
        with pytest.raises(AccountError):
            login.set_new_password(desk, "alice")
        assert login.password_change_required(desk)
    finally:
        login.close()
    _signed_in(secured_db, settings, "alice")[0].close()


def test_no_password_is_written_on_the_workstation(secured_db, settings, caplog):
    caplog.set_level(logging.DEBUG)
    log_file = setup_logging(settings)
    login = ServerLogin(secured_db.url(tls=True), settings)
    with pytest.raises(LoginRefused):
        login.sign_in("alice", "typed-wrong-password-7")
    desk = login.sign_in("alice", secured_db.one_time["alice"])
    fresh = login.set_new_password(desk, NEW_PASSWORD)
    desk.engine.dispose()
    login.sign_out(fresh)
    login.close()
    logging.shutdown()
    assert log_file.is_file() and "signed in" in log_file.read_text(encoding="utf-8")
    secrets = [secured_db.one_time["alice"], NEW_PASSWORD, "typed-wrong-password-7"]
    for path in [p for p in settings.data_dir.rglob("*") if p.is_file()]:
        content = path.read_bytes()
        assert not [s for s in secrets if s.encode() in content], f"a password was written to {path}"
    assert not [s for s in secrets if s in caplog.text]


def test_the_live_feed_listens_with_the_persons_own_login(secured_db, settings):
    import threading
    import time

    from sitcentre.live import ChangeFeed, FeedStatus

    login, desk = _signed_in(secured_db, settings, "bob", tls=True)
    states, batches, live = [], [], threading.Event()
    feed = ChangeFeed(desk.engine, batches.append, lambda s: (states.append(s), s.state == FeedStatus.LIVE
                                                               and live.set()))
    feed.start()
    try:
        assert live.wait(15), states  # LISTEN and the server's history are allowed to an ordinary login
        secured_db.psql("UPDATE posts SET name = name || ' (renamed)' WHERE id = (SELECT min(id) FROM posts)")
        deadline = time.monotonic() + 15
        while not batches and time.monotonic() < deadline:
            time.sleep(0.05)
        assert batches, "a change made by another program reached the person's live feed"
    finally:
        feed.stop()
        login.close()


def test_verify_full_with_the_servers_ca_connects_without_a_warning(secured_db, settings):
    login, desk = _signed_in(secured_db, settings, "bob", tls=True)
    try:
        with desk.engine.connect() as conn:
            assert conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one()
        assert desk.backend.warnings == []
    finally:
        login.close()


def test_a_multi_host_address_signs_in_with_verify_full_on_each_host(secured_db, settings):
    port, ca = secured_db.cluster.port, secured_db.cluster.ca_file
    url = (f"postgresql:///{secured_db.name}?host=localhost:{port}&host=127.0.0.1:{port}"
           f"&target_session_attrs=read-write&sslmode=verify-full&sslrootcert={ca}")
    login = ServerLogin(url, settings)
    try:
        desk = login.sign_in("bob", secured_db.one_time["bob"])
        assert _session_user(desk) == secured_db.login("bob") and desk.backend.warnings == []
        assert login.description == f"PostgreSQL localhost:{port}, 127.0.0.1:{port}/{secured_db.name}"
    finally:
        login.close()


def test_verify_full_with_another_ca_is_refused_in_words(secured_db, settings):
    url = secured_db.url(tls=True, ca_file=secured_db.cluster.other_ca_file)
    with pytest.raises(DatabaseUnavailable) as refused:
        ServerLogin(url, settings).sign_in("bob", secured_db.one_time["bob"])
    assert "not signed by the CA file" in str(refused.value)


def test_verify_full_with_a_wrong_host_name_is_refused_in_words(secured_db, settings):
    # the address names another host; hostaddr still reaches this server, whose certificate is for localhost
    url = secured_db.url(tls=True, host="centre.example") + "&hostaddr=127.0.0.1"
    with pytest.raises(DatabaseUnavailable) as refused:
        ServerLogin(url, settings).sign_in("bob", secured_db.one_time["bob"])
    assert "not made out to the host name" in str(refused.value)


def test_a_server_that_wants_tls_is_said_to_when_the_address_asks_for_none(pg_private, settings):
    url = pg_private.tcp_url("tls_only") + "?sslmode=disable"  # pg_hba refuses tls_only without TLS
    with pytest.raises(DatabaseUnavailable) as refused:
        ServerLogin(url, settings).sign_in("bob", "any-password-at-all")
    assert "accepts only encrypted connections" in str(refused.value) and "sslmode=verify-full" in str(refused.value)


def test_a_missing_ca_file_is_named_in_words(secured_db, settings, tmp_path):
    url = secured_db.url(tls=True, ca_file=tmp_path / "no-such-ca.pem")
    with pytest.raises(DatabaseUnavailable) as refused:
        ServerLogin(url, settings).sign_in("bob", secured_db.one_time["bob"])
    assert "CA file" in str(refused.value) and "does not exist" in str(refused.value)


# ------------------------------------------------------------------------------ which addresses do what

@pytest.mark.parametrize("url", [
    "postgresql://centre.example/sitcentre",
    "postgresql://centre.example:5432/sitcentre?sslmode=require",
    "postgresql://10.0.0.5/sitcentre?sslmode=prefer",
    "postgresql://user@db.example/sitcentre",
    "postgresql:///sitcentre?host=db.example",
    "postgresql:///sitcentre?host=localhost&host=db.example",  # a multi-host address: every host counts
    "postgresql:///sitcentre?host=127.0.0.1,db.example&port=5432,5433",
    "postgresql:///sitcentre?host=localhost:5432&host=db.example:5433",  # SQLAlchemy's host:port form
])
def test_tls_warning_for_a_server_on_the_network_without_a_checked_certificate(url):
    warning = tls_warning(url)
    assert warning is not None and "sslmode=verify-full" in warning
    assert "example" in warning or "10.0.0.5" in warning


@pytest.mark.parametrize("url", [
    "postgresql://centre.example/sitcentre?sslmode=verify-full&sslrootcert=/etc/sitcentre/ca.pem",
    "postgresql://centre.example/sitcentre?sslmode=verify-ca&sslrootcert=/etc/sitcentre/ca.pem",
    "postgresql://localhost/sitcentre",
    "postgresql://127.0.0.5:5433/sitcentre",
    "postgresql://[::1]/sitcentre",
    "postgresql:///sitcentre",
    "postgresql:///sitcentre?host=/var/run/postgresql",
    "postgresql:///sitcentre?host=localhost&host=127.0.0.1",
    "postgresql:///sitcentre?host=localhost:5432&host=[::1]:5433",
    "postgresql:///sitcentre?host=a.example&host=b.example&sslmode=verify-full&sslrootcert=/etc/sitcentre/ca.pem",
    "sqlite:///tmp/x.sqlite",
])
def test_no_tls_warning_for_this_machine_or_a_checked_certificate(url):
    assert tls_warning(url) is None


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql:///sitcentre?host=a.example&host=b.example", "PostgreSQL a.example:5432, b.example:5432/sitcentre"),
    ("postgresql:///sitcentre?host=a.example,b.example&port=5432,5433",
     "PostgreSQL a.example:5432, b.example:5433/sitcentre"),
    ("postgresql:///sitcentre?host=db1.example:5432&host=db2.example:5433",
     "PostgreSQL db1.example:5432, db2.example:5433/sitcentre"),
    ("postgresql://centre.example:6432/sitcentre", "PostgreSQL centre.example:6432/sitcentre"),
    ("postgresql:///sitcentre", "PostgreSQL localhost:5432/sitcentre"),
])
def test_the_address_shown_names_every_host_of_a_multi_host_address(url, shown, settings):
    assert describe_address(url) == shown
    assert ServerLogin(url, settings).description == shown


def test_only_a_postgresql_address_without_a_user_name_signs_each_person_in(settings, tmp_path):
    assert ServerLogin.for_address("postgresql://centre.example/sitcentre", settings) is not None
    assert ServerLogin.for_address("postgresql://postgres@centre.example/sitcentre", settings) is None
    assert ServerLogin.for_address("postgresql://centre.example/sitcentre?user=postgres", settings) is None
    assert ServerLogin.for_address(f"sqlite:///{tmp_path}/x.sqlite", settings) is None
