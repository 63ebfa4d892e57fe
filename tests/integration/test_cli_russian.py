"""Issue 16: the command line speaks Russian with `sitcentre --lang ru` (before the command) or SITCENTRE_LANG=ru,
English otherwise; `report --lang` stays the brief's own choice. Real processes, on SQLite files and (for a
database the server does not have) PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from sitcentre.settings import sqlite_url
from tests.integration.test_cli import cli_env, run_cli


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "site.sqlite")
    result = run_cli(tmp_path, "--db", url, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    return url


def test_settings_set_and_show_in_russian_with_lang_ru(tmp_path, db_url):
    changed = run_cli(tmp_path, "--lang", "ru", "--db", db_url, "settings", "set", "report_amber_hours", "12")
    assert changed.returncode == 0, changed.stderr
    assert "Рабочие места применят это при следующем запуске." in changed.stdout
    assert "по умолчанию ->" in changed.stdout
    shown = run_cli(tmp_path, "--lang=ru", "--db", db_url, "settings", "show")
    assert shown.returncode == 0, shown.stderr
    assert "часов без сообщений, после которых ОПВ отмечается жёлтым" in shown.stdout
    assert "(по умолчанию)" in shown.stdout
    assert "default" not in shown.stdout


def test_sitcentre_lang_in_the_environment_speaks_russian(tmp_path, db_url):
    result = run_cli(tmp_path, "--db", db_url, "settings", "reset", SITCENTRE_LANG="ru")
    assert result.returncode == 0, result.stderr
    assert "Восстановлены значения по умолчанию" in result.stdout or "Сбрасывать нечего" in result.stdout
    upgraded = run_cli(tmp_path, "--db", db_url, "db", "upgrade", SITCENTRE_LANG="ru")
    assert "схема уже версии" in upgraded.stdout


def test_the_option_wins_over_the_environment_and_an_unknown_language_is_english(tmp_path, db_url):
    english = run_cli(tmp_path, "--lang", "en", "--db", db_url, "settings", "reset", SITCENTRE_LANG="ru")
    assert english.stdout.strip() == "Nothing to reset: the defaults apply."
    unknown = run_cli(tmp_path, "--db", db_url, "settings", "reset", SITCENTRE_LANG="de")
    assert unknown.stdout.strip() == "Nothing to reset: the defaults apply."


def test_english_stays_the_default(tmp_path, db_url):
    env = {k: v for k, v in os.environ.items() if k == "SITCENTRE_LANG"}
    assert not env or env["SITCENTRE_LANG"] not in ("ru",), "run the tests without SITCENTRE_LANG=ru"
    changed = run_cli(tmp_path, "--db", db_url, "settings", "set", "report_amber_hours", "12")
    assert changed.stdout.strip() == "report_amber_hours: default -> 12. Workstations apply it when they next start."
    missing = run_cli(tmp_path, "--db", sqlite_url(tmp_path / "none.sqlite"), "stats")
    assert missing.returncode == 2
    assert "no database at" in missing.stderr


def test_errors_come_in_russian(tmp_path, db_url):
    missing = run_cli(tmp_path, "--lang", "ru", "--db", sqlite_url(tmp_path / "none.sqlite"), "stats")
    assert missing.returncode == 2
    assert "базы данных нет по пути" in missing.stderr
    assert "sitcentre db upgrade" in missing.stderr
    refused = run_cli(tmp_path, "--lang", "ru", "--db", db_url, "settings", "set", "report_amber_hours", "x")
    assert refused.returncode == 3
    usage = run_cli(tmp_path, "--lang", "ru", "demo", "--incidents", "-1")
    assert usage.returncode == 3
    assert "не может быть отрицательным" in usage.stderr
    assert "(см. 'sitcentre --help')" in usage.stderr


def test_a_database_the_server_does_not_have_is_said_in_russian(tmp_path):
    server = os.environ.get("SITCENTRE_TEST_PG_URL")
    if not server:
        pytest.skip("SITCENTRE_TEST_PG_URL not set")
    url = make_url(server).set(database="sitcentre_no_such_database_ru").render_as_string(hide_password=False)
    result = run_cli(tmp_path, "--lang", "ru", "--db", url, "stats")
    assert result.returncode == 2, result.stderr
    assert "не существует" in result.stderr or "нет" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_brief_follows_the_global_language_unless_report_says(tmp_path, db_url):
    from sitcentre.cli import global_language

    assert global_language(["--lang", "ru", "report", "--lang", "en"]) == "ru"
    assert global_language(["--db", "x", "report", "--lang", "ru"]) in ("en", os.environ.get("SITCENTRE_LANG"))
    assert run_cli(tmp_path, "--db", db_url, "demo", "--incidents", "30").returncode == 0
    result = run_cli(tmp_path, "--db", db_url, "report", "--lang", "ru", "--date", "2025-04-10", "--out", "b.pdf")
    assert result.returncode == 0, result.stderr
    assert "daily brief for 2025-04-10" in result.stdout  # the brief is Russian, the command's message English
    assert "Ежедневная сводка" in _pdf_text(tmp_path / "b.pdf")
    result = run_cli(tmp_path, "--lang", "ru", "--db", db_url, "report", "--date", "2025-04-10", "--out", "c.pdf")
    assert result.returncode == 0, result.stderr
    assert "ежедневная сводка за 2025-04-10 (страниц:" in result.stdout
    assert "Ежедневная сводка" in _pdf_text(tmp_path / "c.pdf")  # without report --lang: the global language
    result = run_cli(tmp_path, "--lang", "ru", "--db", db_url, "report", "--lang", "en", "--date", "2025-04-10",
                     "--out", "d.pdf")
    assert result.returncode == 0, result.stderr
    assert "ежедневная сводка за 2025-04-10" in result.stdout
    assert "Daily brief" in _pdf_text(tmp_path / "d.pdf") and "Ежедневная сводка" not in _pdf_text(tmp_path / "d.pdf")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_help_and_account_messages_in_russian(tmp_path, db_url):
    helped = run_cli(tmp_path, "--lang", "ru", "--help")
    assert helped.returncode == 0
    assert "Инструменты базы данных ситуационного центра." in helped.stdout
    assert "ежедневную сводку" in helped.stdout
    assert "Situation-centre database tools." in run_cli(tmp_path, "--help").stdout
    added = subprocess.run([sys.executable, "-m", "sitcentre", "--lang", "ru", "--db", db_url, "user", "add", "olga",
                            "--role", "supervisor", "--password-stdin"], cwd=tmp_path, env=cli_env(tmp_path),
                           input="Kordai-night-shift-2026\n", capture_output=True, text=True, timeout=120, check=False)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "добавлена учётная запись старшего смены 'olga'"
    listed = run_cli(tmp_path, "--lang", "ru", "--db", db_url, "user", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("пользователь")
    assert "olga" in listed.stdout and "активна" in listed.stdout
