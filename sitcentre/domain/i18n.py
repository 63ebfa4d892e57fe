"""Translations for what sitcentre/ writes itself, without Qt (issue 16): the daily brief's PDF, and the messages
the domain, the services and the database layer give (validation problems, permission refusals, database
errors), which the app shows as they come.

The texts are marked `_t("...")` (or `N_("...")` where a word is kept in a table and translated where it is
printed); pyside6-lupdate extracts them into the same .ts sources the app uses (ui/translations, the "brief"
area of ui.shell.language), with context "". Here the finished translations of those sources are read with the
standard library's XML parser, once per language, so the command line and the app print the same words without
Qt and without a compiled catalogue.

    with speaking("ru"):
        title = _t("Daily brief: {day}").format(day=fmt_day(day))

The language is the process's (`set_language`, which the app calls with the language it runs in, so the messages
of its worker threads come in that language too), or a block's (`speaking`, for one brief). A text without a
finished translation prints in English. Numbers follow the language: 1,234.50 in English,
1 234,50 in Russian (a narrow no-break space between thousands, as Russian typography writes them).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ru")
SOURCE_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "ui" / "translations"
THIN_SPACE = "\u202f"  # narrow no-break space: Russian thousands separator

_speaking: ContextVar[str | None] = ContextVar("sitcentre_language", default=None)
_process = [SOURCE_LANGUAGE]  # every thread's language when no block says otherwise (set_language)


class UnknownLanguage(ValueError):
    """A language sitcentre has no translation for."""


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise UnknownLanguage(f"'{language}' is not a language sitcentre writes in; choose one of: "
                              f"{', '.join(LANGUAGES)}.")
    return language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block, _t() and the number formats of this thread (and its context) use `language`."""
    token = _speaking.set(check_language(language))
    try:
        yield
    finally:
        _speaking.reset(token)


def set_language(language: str) -> None:
    """The language of this process's messages (the app: the one it runs in; the command line: `--lang`, else
    $SITCENTRE_LANG, else English)."""
    _process[0] = check_language(language)


def language() -> str:
    return _speaking.get() or _process[0]


def N_(text: str) -> str:
    """Marks a text for extraction where it is kept (a table of words); _t() translates it where it is printed."""
    return text


def _t(text: str) -> str:
    """`text` in the language spoken now (context "", as ui/ module helpers use), else as given."""
    current = language()
    if current == SOURCE_LANGUAGE:
        return text
    return catalogue(current).get(text, text)


@cache
def catalogue(language: str) -> dict[str, str]:
    """source text -> finished translation, context "" only, from every ui/translations/*_<language>.ts."""
    found: dict[str, str] = {}
    for ts in sorted(TRANSLATIONS.glob(f"sitcentre_*_{language}.ts")):
        try:
            root = ET.parse(ts).getroot()
        except (OSError, ET.ParseError) as exc:  # a damaged source: English for its texts, and a line in the log
            log.error("translation source %s not read: %s", ts.name, exc)
            continue
        for context in root.iter("context"):
            if (context.findtext("name") or "") != "":
                continue
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                    continue
                if message.get("numerus") == "yes" or message.findtext("comment"):
                    continue  # plural forms and disambiguated words are the app's (Qt) business
                source, text = message.findtext("source"), translation.text or ""
                if source and text.strip():  # (kept as written: " or " -> " или " keeps its spaces)
                    found.setdefault(source, text)
    return found


def number(value: float, decimals: int = 0) -> str:
    """value with thousands separators and `decimals` places, as the language writes it."""
    text = f"{value:,.{decimals}f}"
    if language() == "ru":
        return text.replace(",", THIN_SPACE).replace(".", ",")
    return text
