"""Russian and English (issue 16): the catalogue is complete, compiled from its .ts sources, chosen per person, and the
app reads in Russian with Russian plurals when it is chosen."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tests.ui import form_helpers
from ui.shell import language
from ui.shell.main_window import MainWindow

runner, reference = form_helpers.runner, form_helpers.reference  # fixtures
PLACEHOLDERS = ("{0}", "{1}", "{2}", "%n", "%1")


@pytest.fixture
def russian(qapp):
    """The Russian catalogues installed in this process for one test, English again after it."""
    saved = QLocale()
    assert language.install_language(qapp, "ru"), "the Russian catalogue did not load"
    yield qapp
    language.install_language(qapp, "en")
    QLocale.setDefault(saved)


@pytest.fixture
def settings_file(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "sitcentre.ini"), QSettings.Format.IniFormat)


def _messages(ts: Path):
    return ET.parse(ts).getroot().iter("message")


def test_every_text_of_the_app_has_a_russian_translation(tmp_path):
    """lupdate run now over the code (into copies of the .ts files) finds no text without a finished Russian
    translation: a new or changed text in ui/ fails this test until it is translated."""
    missing = []
    for area in language.AREAS:
        source = language.TRANSLATIONS / f"sitcentre_{area}_ru.ts"
        assert source.exists(), f"{source.name} is missing: run python -m ui.shell.language --update"
        copy = tmp_path / source.name
        shutil.copyfile(source, copy)
        subprocess.run([language._tool("lupdate"), "-no-obsolete", *language.TR_ALIASES,
                        *map(str, language.area_files(area)), "-ts", str(copy)], check=True, capture_output=True)
        for message in _messages(copy):
            text = message.findtext("source")
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            done = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            if message.get("numerus") == "yes":
                done = done and len(forms) == 3 and all(f.strip() for f in forms)
            else:
                done = done and bool((translation.text or "").strip())
            if not done:
                missing.append(f"{area}: {text!r}")
    assert missing == [], f"{len(missing)} texts without a Russian translation:\n" + "\n".join(missing[:40])


def test_one_text_has_one_translation_across_the_areas():
    """The areas compile into one catalogue: the same text (context, source, disambiguation) translated two ways
    in two files would show one of them at random. Give a disambiguation where the English word means two things."""
    seen: dict[tuple, tuple] = {}
    clashes = []
    for ts in language.sources("ru"):
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation.get("type") == "unfinished":
                    continue  # not translated yet: test_every_text_of_the_app_has_a_russian_translation says so
                key = (context.findtext("name") or "", message.findtext("source"), message.findtext("comment") or "")
                value = tuple(f.text for f in translation.iter("numerusform")) or (translation.text,)
                if key in seen and seen[key][1] != value:
                    clashes.append(f"{key}: {seen[key][0]} {seen[key][1]} vs {ts.name} {value}")
                seen.setdefault(key, (ts.name, value))
    assert clashes == []


def test_translations_keep_the_placeholders_of_their_source():
    broken = []
    for ts in language.sources("ru"):
        for message in _messages(ts):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            for text in texts:
                if not text:
                    continue
                all_forms = "".join(texts)  # a plural form may leave %n out when another form has it
                lost = [p for p in PLACEHOLDERS if p in source and p not in text
                        and not (p == "%n" and "%n" in all_forms)]
                if lost:
                    broken.append(f"{ts.name}: {source!r} -> {text!r} lost {lost}")
    assert broken == []


def test_the_catalogue_is_compiled_from_its_sources_when_missing_or_stale(tmp_path, monkeypatch):
    folder = tmp_path / "translations"
    shutil.copytree(language.TRANSLATIONS, folder, ignore=shutil.ignore_patterns("*.qm*"))
    monkeypatch.setattr(language, "TRANSLATIONS", folder)
    first = language.compiled("ru")
    assert first.parent == folder and first.stat().st_size > 1000
    stamp = first.stat().st_mtime_ns
    assert language.compiled("ru").stat().st_mtime_ns == stamp  # up to date: not compiled again
    ts = folder / "sitcentre_shell_ru.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace("&amp;Файл", "&amp;Файлы"), encoding="utf-8")
    assert language.compiled("ru").stat().st_mtime_ns != stamp  # a source changed: compiled again


def test_the_language_is_the_persons_choice_else_the_systems(settings_file):
    assert language.chosen_language(settings_file) == language.system_language()
    language.save_language("ru", settings_file)
    assert language.chosen_language(settings_file) == "ru"
    settings_file.setValue(language.SETTING, "xx")  # a value this version does not know: the default
    assert language.chosen_language(settings_file) == language.system_language()
    with pytest.raises(ValueError):
        language.save_language("de", settings_file)


@pytest.mark.parametrize(("n", "expected"), [(1, "1 ошибка"), (2, "2 ошибки"), (5, "5 ошибок"), (21, "21 ошибка")])
def test_russian_plural_forms(russian, n, expected):
    assert QCoreApplication.translate("", "%n error(s)", None, n) == expected


def test_the_main_window_reads_in_russian(russian, qtbot):
    window = MainWindow("SQLite /tmp/post.sqlite", "0010")
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Файл" in titles
    assert all(any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in title) for title in titles), titles
    assert QLocale().language() == QLocale.Language.Russian


def test_choosing_a_language_in_the_menu_says_it_applies_at_the_next_start(qtbot, monkeypatch, tmp_path):
    store = QSettings(str(tmp_path / "choice.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(language, "QSettings", lambda: store)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window = MainWindow("SQLite /tmp/post.sqlite", "0010")
    qtbot.addWidget(window)
    menu = window.language_menu
    assert menu.actions["en"].isChecked()
    menu.actions["ru"].trigger()
    assert store.value(language.SETTING) == "ru"
    assert shown == ["sitcentre будет показан на русском языке при следующем запуске."]
    menu.actions["ru"].trigger()  # the same again: nothing more to say
    assert len(shown) == 1


@pytest.mark.parametrize("typed", ["1,5", "1.5"])
def test_a_quantity_typed_with_a_comma_or_a_point_in_russian_saves_one_and_a_half(russian, qtbot, typed, runner,
                                                                                    engine, reference):
    """Issue 16: the decimal separator of either language is read, whichever language the app runs in."""
    from tests.ui.form_helpers import choose, make_form, post_id, save_and_wait, stored, substance_id, type_quantity

    form = make_form(qtbot, runner, engine, reference)
    form.post.set_post_id(post_id(reference, "KZ-KOR"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "hashish"))
    type_quantity(qtbot, row, typed)
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text().replace("&", "") == "Сохранить"  # Qt's own catalogue: the standard button in Russian
    save_and_wait(qtbot, form)
    assert stored(engine, form.saved.id).lines[0].quantity == 1.5


def test_a_validation_message_from_the_domain_shows_in_russian_on_the_form(russian, qtbot, runner, engine, reference):
    """Issue 16: the problems sitcentre.domain words itself come in the language the app runs in, beside their
    fields (the form validates with the domain's rules); in English again once the app is."""
    from datetime import timedelta

    from sitcentre.domain.records import utcnow
    from tests.ui.form_helpers import choose, make_form, substance_id

    form = make_form(qtbot, runner, engine, reference)
    form.occurred_at.set_value(utcnow() + timedelta(days=2))  # no post chosen; a time in the future
    choose(form.lines_editor.rows[0].substance, substance_id(reference, "heroin"))  # ... and no quantity
    assert not form.save()
    assert form.fields["post_id"].error.text() == "Выберите ОПВ, сообщивший об инциденте."
    assert "в будущем" in form.fields["occurred_at"].error.text()
    assert form.lines_editor.rows[0].error.text() == "Позиция изъятия 1: количество должно быть больше нуля."


def test_permission_refusals_and_database_errors_are_worded_in_the_apps_language(russian):
    import sqlite3

    import sqlalchemy.exc

    from sitcentre.db.errors import describe
    from sitcentre.domain.enums import Role
    from sitcentre.domain.permissions import Action, Actor, refusal

    operator = Actor(id=5, username="olga", role=Role.OPERATOR)
    assert refusal(operator, Action.AUDIT_VIEW) == ("Операторы не могут просматривать журнал аудита: обратитесь к "
                                                    "старшему смены или администратору.")
    locked = sqlalchemy.exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    assert str(describe(locked)) == ("База данных занята: в неё записывает другая программа. Повторите попытку "
                                     "чуть позже.")
    language.install_language(russian, "en")
    assert refusal(operator, Action.AUDIT_VIEW) == "Operators cannot view the audit trail: ask a supervisor or an " \
                                                   "administrator."
    assert str(describe(locked)) == "The database is busy: another program is writing to it. Try again in a moment."
