"""The daily brief in Russian (issue 16): `sitcentre report --lang ru` and the app's language write the same
brief with its headings, words, dates and numbers in Russian, read back from the PDF's text; English stays the
default; the words come from the translation sources the app uses (ui/translations, the "brief" area)."""

from __future__ import annotations

import pytest

from sitcentre.domain.i18n import UnknownLanguage, _t, catalogue, number, speaking
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.brief import fmt_day, fmt_kg, fmt_quantity
from sitcentre.services.brief_pdf import export_brief
from tests.integration import test_brief as brief_tests
from tests.integration.test_brief import DAY, NOW, SETTINGS, _pdf_text
from tests.integration.test_cli import run_cli

known, out = brief_tests.known, brief_tests.out  # fixtures

RUSSIAN_HEADINGS = ("Ежедневная сводка: четверг, 10 апреля 2025 г.", "Изъятия наркотиков с 12 марта 2025 г. по "
                    "10 апреля 2025 г.", "Инциденты за 10 апреля 2025 г.", "Крупнейшие изъятия",
                    "Состояние ОПВ", "ОПВ без сообщений за 10 апреля 2025 г.", "Страница 1 из")


def test_the_brief_in_russian_holds_its_translated_headings_words_and_numbers(known, out):
    result = export_brief(known, DAY, out / "brief.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS, language="ru")
    text = " ".join(_pdf_text(result.path).split())  # lines joined: a long heading may wrap
    for heading in RUSSIAN_HEADINGS:
        assert heading in text, heading
    assert "5,70 кг" in text  # the day's kg-equivalent of drugs, with a decimal comma
    assert "ИЗЪЯТО НАРКОТИКОВ, В ПЕРЕСЧЁТЕ НА КГ" in text and "Прекурсоры, учитываемые отдельно" in text
    assert "Подтверждено" in text or "Зарегистрировано" in text  # incident statuses in words
    for english in ("Daily brief", "Post status", "Largest seizures", "Page 1 of"):
        assert english not in text, english
    assert "BLO Termez" in text  # names of posts and substances are data: printed as recorded


def test_english_stays_the_default_and_a_language_sitcentre_lacks_is_refused_before_writing(known, out):
    result = export_brief(known, DAY, out / "brief.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS)
    assert "Daily brief: Thursday 10 April 2025" in _pdf_text(result.path)
    with pytest.raises(UnknownLanguage, match="'de' is not a language"):
        export_brief(known, DAY, out / "de.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS, language="de")
    assert not (out / "de.pdf").exists()


def test_numbers_and_dates_follow_the_language_spoken():
    from datetime import date

    assert (fmt_kg(1234.5), number(1234567), fmt_quantity(1000, "tablets")) == ("1,234.50", "1,234,567",
                                                                               "1,000 tablets")
    with speaking("ru"):
        assert (fmt_kg(1234.5), number(1234567)) == ("1\u202f234,50", "1\u202f234\u202f567")
        assert fmt_quantity(0.5, "kg") == "0,5 кг" and fmt_quantity(1000, "tablets") == "1\u202f000 шт."
        assert fmt_day(date(2026, 5, 1), weekday=True) == "пятница, 1 мая 2026 г."
        assert fmt_day(date(2026, 12, 2), short=True) == "2 дек"
        assert _t("a text nobody translated") == "a text nobody translated"  # English, not a blank
    assert fmt_day(date(2026, 5, 1), weekday=True) == "Friday 1 May 2026"  # the block ended: English again


def test_the_catalogue_is_read_from_the_translation_sources_without_qt():
    import subprocess
    import sys

    words = catalogue("ru")
    assert words["Daily brief: {day}"] == "Ежедневная сводка: {day}" and words["Reported"] == "Зарегистрировано"
    code = ("import sys; from sitcentre.domain.i18n import catalogue; catalogue('ru'); "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_report_command_writes_russian_when_asked(known, tmp_path):
    result = run_cli(tmp_path, "--db", known.url.render_as_string(hide_password=False), "report",
                     "--date", DAY.isoformat(), "--out", "brief.pdf", "--lang", "ru")
    assert result.returncode == 0, result.stderr
    assert "Ежедневная сводка" in _pdf_text(tmp_path / "brief.pdf")
    wrong = run_cli(tmp_path, "--db", known.url.render_as_string(hide_password=False), "report",
                    "--date", DAY.isoformat(), "--out", "b.pdf", "--lang", "de")
    assert wrong.returncode != 0 and "invalid choice: 'de'" in wrong.stderr
