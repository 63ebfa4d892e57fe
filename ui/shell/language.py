"""The language of the app (issue 16): English (the source texts) or Russian, chosen per person at this computer.

Translation sources are Qt `.ts` files in ui/translations/ (sitcentre_<area>_<lang>.ts, one per area of ui/ so
several people can translate at once), made and refreshed from the code with pyside6-lupdate and compiled with
pyside6-lrelease, never committed as binaries:

    python -m ui.shell.language --update     # refresh the .ts files from the code (keeps every translation)
    python -m ui.shell.language --compile    # the build step: ui/translations/*.ts -> sitcentre_<lang>.qm

The app compiles a catalogue itself when its .qm is missing or older than its .ts files (into the user's cache
folder when ui/translations/ is not writable), so a fresh checkout and an installed copy both start translated.
Qt's own dialogs (file chooser, message box buttons) are translated from the catalogue that ships with PySide6.

The choice is kept in QSettings ("language": "en" or "ru"; none: the system's language when the app has it, else
English), read before the sign-in dialog, and takes effect at the next start (the menu says so).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from sitcentre.domain.i18n import set_language as set_messages_language
from sitcentre.settings import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "ru": "Русский"}  # each in its own language, as a language menu shows them
SOURCE_LANGUAGE = "en"
SETTING = "language"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
ROOT = Path(__file__).resolve().parents[2]
# areas -> the folders whose texts their .ts file holds (every folder of ui/ is in exactly one); "domain": the
# words sitcentre.domain marks with N_() (closed vocabularies, audit texts), which ui/ translates with context ""
AREAS = {
    "incidents": ("ui/incidents",),
    "posts": ("ui/posts", "ui/audit", "ui/brief"),
    "exchange": ("ui/exchange",),
    "shell": ("ui/shell", "ui/common"),
    "charts": ("ui/charts", "ui/imports"),
    "domain": ("sitcentre/domain",),
    # what sitcentre/ words itself (sitcentre.domain.i18n): database errors, spreadsheet import's problems, the brief
    "messages": ("sitcentre/db/errors.py", "sitcentre/db/uow.py"),
    "sheets": ("sitcentre/sheets",),
    "brief": ("sitcentre/services/brief.py", "sitcentre/services/brief_layout.py",
              "sitcentre/services/brief_chart.py"),
    # the refusals the services word themselves: accounts, sign-in, conflicts, settings, keys, who may send what,
    # online sync, audit anchors, export recipients, peer centres, the installation
    "services": ("sitcentre/services/users.py", "sitcentre/services/auth.py", "sitcentre/services/conflicts.py",
                 "sitcentre/services/site_settings.py", "sitcentre/services/keys.py",
                 "sitcentre/services/exchange_rules.py", "sitcentre/services/sync_setup.py",
                 "sitcentre/services/audit_anchor.py", "sitcentre/services/exchange_export.py",
                 "sitcentre/services/peers.py", "sitcentre/services/installation.py"),
    # the command line's messages (sitcentre --lang ru); site_settings.py's descriptions are in "services"
    "cli": ("sitcentre/cli.py", "sitcentre/cli_settings.py", "sitcentre/cli_users.py", "sitcentre/db/engine.py",
            "sitcentre/cli_audit.py", "sitcentre/cli_import.py", "sitcentre/cli_bundle.py",
            "sitcentre/cli_bundle_import.py", "sitcentre/cli_conflicts.py", "sitcentre/cli_install.py",
            "sitcentre/cli_keys.py", "sitcentre/cli_roles.py", "sitcentre/cli_serve.py", "sitcentre/cli_sync.py"),
}
# Module-level helpers that call QCoreApplication.translate("", text[, disambiguation, n]) are read as tr() by
# lupdate (context "": a helper outside a class; a method `_t` of a class gets the class as its context).
TR_ALIASES = ("-tr-function-alias", "tr+=_t,tr+=_tr,tr+=N_")
_installed: list[QTranslator] = []
_current = [SOURCE_LANGUAGE]  # the language this run was started in


def current_language() -> str:
    return _current[0]


class TranslationToolMissing(RuntimeError):
    """pyside6-lupdate or pyside6-lrelease cannot be found (PySide6 not installed with its tools)."""


def chosen_language(settings: QSettings | None = None) -> str:
    """The language the person chose at this computer, else the system's when the app has it, else English."""
    stored = (settings or QSettings()).value(SETTING, "")
    if isinstance(stored, str) and stored in LANGUAGES:
        return stored
    return system_language()


def system_language() -> str:
    name = QLocale.system().name().split("_")[0].lower()
    return name if name in LANGUAGES else SOURCE_LANGUAGE


def save_language(language: str, settings: QSettings | None = None) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    store = settings or QSettings()
    store.setValue(SETTING, language)
    store.sync()


def install_language(app: QCoreApplication, language: str) -> bool:
    """Install the translators of `language` (ours and Qt's) and its locale for dates and numbers. Returns False
    (and logs why) when the catalogue cannot be loaded: the app then runs in English rather than not at all."""
    for old in _installed:  # a second start in the same process (tests): only this language's catalogues
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    _current[0] = language
    set_messages_language(language)  # the messages sitcentre/ words itself (validation, refusals, database errors)
    if language == SOURCE_LANGUAGE:
        return True
    loaded = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.warning("Qt's own %s catalogue not found in %s", language, qt_dir)
    try:
        catalogue = compiled(language)
    except (TranslationToolMissing, OSError, subprocess.SubprocessError) as exc:
        log.error("the %s translation could not be compiled: %s", language, exc)
        _current[0] = SOURCE_LANGUAGE
        set_messages_language(SOURCE_LANGUAGE)
        return False
    ours = QTranslator(app)
    if ours.load(str(catalogue)):
        app.installTranslator(ours)  # installed last: asked first, before the English plurals
        _installed.append(ours)
    else:
        log.error("the %s translation %s could not be loaded", language, catalogue)
        _current[0] = SOURCE_LANGUAGE
        set_messages_language(SOURCE_LANGUAGE)
        loaded = False
    return loaded


def sources(language: str) -> list[Path]:
    return sorted(TRANSLATIONS.glob(f"sitcentre_*_{language}.ts"))


def compiled(language: str) -> Path:
    """The .qm of `language`, compiled now when missing or older than its sources."""
    ts_files = sources(language)
    if not ts_files:
        raise OSError(f"no translation sources for {language!r} in {TRANSLATIONS}")
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in ts_files)).hexdigest()[:16]
    for folder in (TRANSLATIONS, Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "translations"):
        target = folder / f"sitcentre_{language}.qm"
        stamp = folder / f"sitcentre_{language}.qm.sha256"
        if target.exists() and stamp.exists() and stamp.read_text().strip() == digest:
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _lrelease(ts_files, target)
            stamp.write_text(digest)
            return target
        except PermissionError:
            continue  # an installed, read-only copy: the user's cache folder next
    raise OSError(f"cannot write the compiled {language!r} translation anywhere")


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python, on PATH, or the binary inside PySide6."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    for candidate in (Path(PySide6.__file__).parent / name, Path(PySide6.__file__).parent / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    raise TranslationToolMissing(f"pyside6-{name} not found: install PySide6 with its tools")


def _lrelease(ts_files: list[Path], target: Path) -> None:
    partial = target.with_suffix(".qm.part")
    subprocess.run([_tool("lrelease"), "-silent", *map(str, ts_files), "-qm", str(partial)], check=True,
                   capture_output=True, timeout=120)
    os.replace(partial, target)


def area_files(area: str) -> list[Path]:
    """The Python files of an area: its folders' files, and files named one by one."""
    paths = [ROOT / name for name in AREAS[area]]
    return sorted(p for path in paths for p in ([path] if path.is_file() else path.rglob("*.py")))


def update(language: str, *, keep_obsolete: bool = False, areas: tuple[str, ...] = tuple(AREAS)) -> list[Path]:
    """Refresh the areas' .ts of `language` from the code: new texts added untranslated, changed ones marked,
    translations kept. Returns the files written."""
    written = []
    for area in areas:
        target = TRANSLATIONS / f"sitcentre_{area}_{language}.ts"
        known = _finished(target) if target.exists() else {}
        args = [_tool("lupdate"), *TR_ALIASES, *map(str, area_files(area)), "-target-language", language,
                "-ts", str(target)]
        if not keep_obsolete:
            args.insert(1, "-no-obsolete")
        subprocess.run(args, check=True, capture_output=True, timeout=300)
        _carry_over(target, known)
        written.append(target)
    return written


def _finished(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(source, disambiguation) -> its finished <translation>, whatever its context."""
    found = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None:
            found[(message.findtext("source") or "", message.findtext("comment") or "")] = translation
    return found


def _carry_over(ts: Path, known: dict[tuple[str, str], ET.Element]) -> None:
    """A text that moved to another context (e.g. from a widget's tr() to the module's _t()) keeps its
    translation: lupdate would start it afresh as unfinished."""
    tree = ET.parse(ts)
    changed = False
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        old = known.get((message.findtext("source") or "", message.findtext("comment") or ""))
        if old is not None and translation is not None and translation.get("type") == "unfinished":
            message.remove(translation)
            message.append(old)
            changed = True
    if changed:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.shell.language", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the code")
    parser.add_argument("--compile", action="store_true", help="compile the .ts files to .qm (the build step)")
    parser.add_argument("--area", action="append", choices=sorted(AREAS), help="with --update: only these areas")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        if args.update:
            for path in update(language, areas=tuple(args.area or AREAS)):
                print(f"updated {path}")
        if args.compile or not args.update:
            print(f"compiled {compiled(language)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
