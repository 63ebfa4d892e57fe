"""Installation policy kept in the database (issue 16, item 3): what an administrator decides for every workstation.

The defaults are declared once, in sitcentre.settings.Settings; the database's `site_settings` table (migration
0009) holds only the values an administrator changed, as text. `effective(engine, settings)` is the Settings with
those values applied (the Backend uses it at start, so services, the brief and the post cards read the policy);
`set_value` / `reset` change them (administrators; each change is one audit row with the old and new value).
On a secured PostgreSQL database the server reads the same row for its own-post rule (operators_all_posts,
migration 0009's row-level security), so the app and the server agree.

Taste (the language, the theme) is per person and lives in QSettings (ui/), not here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, replace

from sqlalchemy import Engine, delete, select

from sitcentre.db.tables import SiteSettingRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import N_, _t
from sitcentre.domain.permissions import Action, Actor
from sitcentre.services.audit_writing import AuditAction, append
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.settings import Settings

log = logging.getLogger(__name__)
ENTITY = "settings"


@dataclass(frozen=True)
class Policy:
    key: str
    kind: type
    low: float | None = None
    high: float | None = None
    what: str = ""  # marked N_(): the command line prints it translated


POLICIES = {p.key: p for p in (
    # `what`: marked N_() for the refusals, which translate it (_t) in the sentence they make
    Policy("report_amber_hours", float, 1, 720, N_("hours without a report before a post turns amber")),
    Policy("report_red_hours", float, 1, 2160, N_("hours without a report before a post turns red")),
    Policy("operators_all_posts", bool, what=N_("operators record and edit incidents of every post (false: their "
                                                "own)")),
    Policy("centre_utc_offset_minutes", int, -720, 840, N_("the centre's UTC offset in minutes (the brief's day)")),
)}
_DEFAULTS = {f.name: f.default for f in fields(Settings) if f.name in POLICIES}  # declared once, in Settings
_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


class SettingRefused(OperatorError, ValueError):
    """A key this version does not know, or a value out of its range: the message says which and why."""


def parse(key: str, text: str):
    """The value of `text` for `key`, checked; SettingRefused in words otherwise."""
    policy = POLICIES.get(key)
    if policy is None:
        raise SettingRefused(_t("'{key}' is not an installation setting. Known: {known}.").format(
            key=key, known=", ".join(sorted(POLICIES))))
    raw = str(text).strip().lower()
    if policy.kind is bool:
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        raise SettingRefused(_t("{key} is true or false, not '{text}'.").format(key=key, text=text))
    try:
        value = policy.kind(raw.replace(",", "."))
    except ValueError:
        raise SettingRefused(_t("{key} is a number ({what}), not '{text}'.").format(
            key=key, what=_t(policy.what), text=text)) from None
    if value != value or not policy.low <= value <= policy.high:  # NaN included
        raise SettingRefused(_t("{key} must be between {low} and {high}, not '{text}'.").format(
            key=key, low=f"{policy.low:g}", high=f"{policy.high:g}", text=text))
    if key == "centre_utc_offset_minutes" and value % 15:
        raise SettingRefused(_t("The centre's UTC offset is a whole number of quarter hours (e.g. 300 for UTC+5)."))
    return value


def _text(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else f"{value:g}" if isinstance(value, float) \
        else str(value)


def stored(engine: Engine) -> dict[str, str]:
    """The values an administrator set (key -> text), the known keys only."""
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(select(SiteSettingRow.key, SiteSettingRow.value)
                                   .where(SiteSettingRow.key.in_(list(POLICIES)))).all()
    return dict(rows)


def apply(settings: Settings, values: dict[str, str]) -> Settings:
    """`settings` with the stored values that are valid (a damaged value keeps the default, and is logged)."""
    changes = {}
    for key, text in values.items():
        try:
            changes[key] = parse(key, text)
        except SettingRefused as exc:
            log.warning("installation setting ignored: %s", exc)
    amber = changes.get("report_amber_hours", settings.report_amber_hours)
    if changes.get("report_red_hours", settings.report_red_hours) <= amber:
        log.warning("installation settings ignored: red hours not above amber hours")
        changes.pop("report_red_hours", None)
        changes.pop("report_amber_hours", None)
    return replace(settings, **changes)


def effective(engine, settings: Settings) -> Settings:
    """The settings with the installation's policy applied; the defaults when it cannot be read (a database
    before migration 0009, or none at all: the caller's own errors come later, in words)."""
    try:
        return apply(settings, stored(engine))
    except Exception as exc:  # a policy that cannot be read must not stop the start
        log.info("installation settings not read (%s): the defaults apply", type(exc).__name__)
        return settings


def current(engine, settings: Settings) -> list[tuple[str, str, str, bool]]:
    """(key, value, default, changed) per installation setting, for `sitcentre settings show` and the dialog."""
    values = stored(engine)
    now = apply(settings, values)
    return [(key, _text(getattr(now, key)), _text(_DEFAULTS[key]), key in values) for key in POLICIES]


def _valid(values: dict[str, str], key: str, default):
    try:
        return parse(key, values[key]) if key in values else default
    except SettingRefused:
        return default


def set_value(engine, settings: Settings, key: str, text: str, *, actor: Actor) -> tuple[str | None, str]:
    """Store an administrator's value (checked); returns (old text or None, new text). Audited."""
    new = _text(parse(key, text))
    return set_values(engine, settings, {key: text}, actor=actor).get(key, (new, new))  # (same as stored: unchanged)


def set_values(engine, settings: Settings, texts: dict[str, str | None], *, actor: Actor
               ) -> dict[str, tuple[str | None, str | None]]:
    """Store several values at once (the Settings dialog), checked together in one transaction: amber and red may
    move past each other's old value. A value None sets the key back to its default. key -> (old text or None,
    new text or None) for the keys whose stored value changed; one audit row per change. Nothing is stored when
    one value is refused."""
    require_actor(actor)
    news = {key: None if text is None else _text(parse(key, text)) for key, text in texts.items()}
    unknown = [key for key in news if key not in POLICIES]
    if unknown:  # (a None value is not parsed: an unknown key is refused here in the same words)
        parse(unknown[0], "")
    with refusals_audited(engine, ENTITY, ",".join(sorted(texts)) or "none"):
        with UnitOfWork(engine, write=True) as uow:
            permit(uow.session, actor, Action.SETTINGS_MANAGE, policy=policy_of(settings))
            stored_now = dict(uow.session.execute(select(SiteSettingRow.key, SiteSettingRow.value)
                                                  .where(SiteSettingRow.key.in_(list(POLICIES)))).all())
            after = {k: v for k, v in {**stored_now, **news}.items() if v is not None}
            amber, red = (_valid(after, name, _DEFAULTS[name]) for name in ("report_amber_hours", "report_red_hours"))
            if red <= amber:
                raise SettingRefused(_t("A post turns red after it turns amber: report_red_hours ({red}) must be "
                                        "above report_amber_hours ({amber}).").format(red=_text(red),
                                                                                       amber=_text(amber)))
            changed = {}
            for key, new in news.items():
                old = stored_now.get(key)
                if old == new:
                    continue
                row = uow.session.get(SiteSettingRow, key)
                if new is None:
                    uow.session.delete(row)
                elif row is None:
                    uow.session.add(SiteSettingRow(key=key, value=new))
                else:
                    row.value = new
                append(uow.session, actor, AuditAction.UPDATE, ENTITY, key, {"value": old}, {"value": new})
                changed[key] = (old, new)
            uow.commit()
    return changed


def reset(engine, settings: Settings, key: str | None = None, *, actor: Actor) -> list[str]:
    """Back to the declared defaults (one key, or all); returns the keys that were reset. Audited."""
    require_actor(actor)
    keys = [key] if key is not None else list(POLICIES)
    if key is not None and key not in POLICIES:
        parse(key, "")  # says which keys there are
    with refusals_audited(engine, ENTITY, key or "all"):
        with UnitOfWork(engine, write=True) as uow:
            permit(uow.session, actor, Action.SETTINGS_MANAGE, policy=policy_of(settings))
            old = dict(uow.session.execute(select(SiteSettingRow.key, SiteSettingRow.value)
                                           .where(SiteSettingRow.key.in_(keys))).all())
            if old:
                uow.session.execute(delete(SiteSettingRow).where(SiteSettingRow.key.in_(list(old))))
                append(uow.session, actor, AuditAction.UPDATE, ENTITY, key or "all", old, {"reset": sorted(old)})
            uow.commit()
    return sorted(old)
