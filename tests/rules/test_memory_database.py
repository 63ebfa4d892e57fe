"""The in-memory database the rule tests run on is the real schema, configured as the app configures SQLite,
and each test has a copy of its own, made in a few milliseconds."""

from __future__ import annotations

import sqlite3
import statistics
import time
import uuid

import pytest
from sqlalchemy import text

from sitcentre.db import migrate, schema_check
from sitcentre.domain.enums import Role, Unit
from tests.integration.helpers import INSERT_INCIDENT
from tests.rules.world import World


def test_the_schema_is_the_migrations_head_with_every_trigger(mem_engine):
    assert migrate.current_revision(mem_engine) == migrate.head_revision()
    assert schema_check.compare(mem_engine) == []  # tables, columns, indexes, triggers as the head expects
    with mem_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").scalar() > 0


def test_the_connection_is_configured_as_make_engine_configures_one(mem_engine):
    with mem_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.execute(text("SELECT sc_casefold('ГЕРОИН Straße')")).scalar() == "героин strasse"
        assert conn.exec_driver_sql("PRAGMA database_list").first()[2] == ""  # in memory, no file


def test_the_triggers_keep_the_rollups_and_the_change_log(world: World):
    def count(sql: str) -> int:
        with world.engine.connect() as conn:
            return conn.exec_driver_sql(sql).scalar()

    rollups, changes = count("SELECT count(*) FROM daily_seizures"), count("SELECT max(seq) FROM change_log")
    world.record(world.incident(("cocaine", 4, Unit.KG), post="UZ-TER"), world.actors[Role.OPERATOR])
    assert count("SELECT count(*) FROM daily_seizures") == rollups + 1
    assert count("SELECT max(seq) FROM change_log") > changes


def test_a_foreign_key_is_enforced(mem_engine):
    with mem_engine.connect() as conn, pytest.raises(Exception, match="FOREIGN KEY constraint failed"):
        conn.exec_driver_sql(INSERT_INCIDENT, (uuid.uuid4().hex, 2**31 - 2, "2026-05-01 08:00:00",
                                               "2026-05-01 08:00:00"))


def test_each_test_writes_to_its_own_copy(world: World, rule_template):
    def count(sql_run) -> int:
        return sql_run("SELECT count(*) FROM incidents").fetchone()[0]

    in_template = count(rule_template.connection.execute)
    world.record(world.incident(), world.actors[Role.OPERATOR])
    with world.engine.connect() as conn:
        assert count(conn.exec_driver_sql) == in_template + 1
    assert count(rule_template.connection.execute) == in_template


def test_the_template_holds_one_account_per_role_and_the_reference_data(world: World):
    assert {r.value for r in world.actors} == {"operator", "supervisor", "admin"}
    assert world.actors[Role.OPERATOR].post_id == world.posts["KG-KSU"]
    assert {"heroin", "hashish", "tramadol"} <= set(world.subs) and {"KG-KSU", "KG-DOS"} <= set(world.posts)


def test_a_copy_takes_a_few_milliseconds(rule_template):
    took = []
    for _ in range(20):
        start = time.perf_counter()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        rule_template.connection.backup(copy)
        took.append(time.perf_counter() - start)
        copy.close()
    assert statistics.median(took) < 0.05, took  # typically about a millisecond
