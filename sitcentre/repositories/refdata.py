"""Reference data from a centre to a post (`refdata.json` in a centre's bundle; docs/exchange.md, "Reference
data"): posts, countries, substances with their aliases, the accounts of that post with their Argon2id hashes
(so its officers can sign in offline), and the centre's key registry.

The centre is the only writer of reference data: a post applies the snapshot whole, in the importer's
transaction, and never deletes what is not in it (a code is never deleted, only aliased). An account of this
post that the snapshot no longer lists is disabled (never deleted): it left the post, and must not keep its
offline sign-in; an account made here with `user add --local` (audited `create` here) is left as it is.
Operational fields of a post (status, notes, last report) are not reference data and are not sent. The
version of a snapshot is the SHA-256 of its canonical bytes (first 16 hex digits).

The key registry is read by sitcentre.repositories.keys.registry_for_post and applied by the caller's
`apply_keys` (services.keys.apply_registry, which audits each change).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from sqlalchemy import String, and_, cast, exists, insert, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import (
    AuditRow,
    CountryRow,
    InstallationRow,
    PostRow,
    SubstanceAliasRow,
    SubstanceRow,
    UserRow,
)
from sitcentre.domain.enums import Role, SubstanceGroup, Unit
from sitcentre.domain.records import utcnow
from sitcentre.exchange.canonical import canonical_bytes, sha256_hex
from sitcentre.exchange.errors import EntryError
from sitcentre.repositories.keys import registry_for_post

log = logging.getLogger(__name__)

FORMAT = 1
POST_FIELDS = ("code", "name", "crossing", "country_code", "counterpart_country_code", "border", "latitude",
               "longitude", "utc_offset_minutes", "number_prefix")
SECTIONS = ("posts", "countries", "substances", "aliases", "users", "keys")


def version_of(snapshot: dict) -> str:
    """The snapshot's version: first 16 hex digits of the SHA-256 of its canonical JSON bytes."""
    return sha256_hex(canonical_bytes(snapshot))[:16]


def snapshot(session: Session, post_code: str, *, keys: list[dict] | None = None) -> dict:
    """The reference data a centre sends post `post_code`. `keys`: the key registry to send (default:
    services.keys.registry_for_post). Lists are sorted, so the same data gives the same version."""
    if session.scalar(select(PostRow.id).where(PostRow.code == post_code)) is None:
        raise EntryError(f"There is no post {post_code!r} in this database.")
    installation = session.scalars(select(InstallationRow)
                                   .order_by(InstallationRow.created_at, InstallationRow.id)).first()
    codes = dict(session.execute(select(PostRow.id, PostRow.code)).all())
    posts = [{f: getattr(r, f) for f in POST_FIELDS}
             for r in session.scalars(select(PostRow).order_by(PostRow.code))]
    countries = [{"code": r.code, "name": r.name, "utc_offset_minutes": r.utc_offset_minutes}
                 for r in session.scalars(select(CountryRow).order_by(CountryRow.code))]
    substances = [{"code": r.code, "name": r.name, "group": r.group, "default_unit": r.default_unit,
                   "mass_per_tablet_mg": r.mass_per_tablet_mg}
                  for r in session.scalars(select(SubstanceRow).order_by(SubstanceRow.code))]
    aliases = [{"alias": r.alias, "substance_code": r.substance_code}
               for r in session.scalars(select(SubstanceAliasRow).order_by(SubstanceAliasRow.alias))]
    post_id = next(i for i, c in codes.items() if c == post_code)
    users = [{"username": r.username, "display_name": r.display_name, "role": r.role, "post": post_code,
              "password_hash": r.password_hash, "disabled": bool(r.disabled)}
             for r in session.scalars(select(UserRow).where(UserRow.post_id == post_id).order_by(UserRow.username))]
    return {"format": FORMAT, "centre": installation.origin_code if installation else "", "posts": posts,
            "countries": countries, "substances": substances, "aliases": aliases, "users": users,
            "keys": _registry(session) if keys is None else list(keys)}


def _registry(session: Session) -> list[dict]:
    return sorted(registry_for_post(session), key=lambda k: str(k.get("key_id")))


# ------------------------------------------------------------------------------------------------- apply


def apply_snapshot(session: Session, snapshot: dict, *, sender_key_id: str,
                   apply_keys: Callable[[Session, list, str], int] | None = None) -> dict[str, Any]:
    """Apply a centre's snapshot at this post, in the caller's transaction. Returns how many rows of each
    kind were added or changed, and under "disabled" the accounts of this post it disabled (no longer listed).
    A snapshot of the wrong shape raises EntryError (in words) before anything is written; a centre refuses
    reference data (it writes its own). `apply_keys(session, keys, sender_key_id)`
    applies the key registry (services.keys.apply_registry: it audits, which a repository does not); without
    it the keys are left as they are."""
    installation = session.scalars(select(InstallationRow)
                                   .order_by(InstallationRow.created_at, InstallationRow.id)).first()
    if installation is not None and installation.role != "post":
        raise EntryError("This installation is a centre: it keeps its own reference data and takes none from "
                         "a bundle.")
    data = _checked(snapshot)
    counts = {
        "countries": _upsert(session, CountryRow, "code", data["countries"]),
        "posts": _apply_posts(session, data["posts"]),
    }
    counts["substances"] = _upsert(session, SubstanceRow, "code", [
        {"code": s["code"], "name": s["name"], "group": s["group"], "default_unit": s["default_unit"],
         "mass_per_tablet_mg": s["mass_per_tablet_mg"]} for s in data["substances"]])
    counts["aliases"] = _upsert(session, SubstanceAliasRow, "alias", data["aliases"])
    post_ids = dict(session.execute(select(PostRow.code, PostRow.id)).all())
    counts["users"] = _upsert(session, UserRow, "username", [
        {"username": u["username"], "display_name": u["display_name"], "role": u["role"],
         "post_id": post_ids[u["post"]] if u["post"] is not None else None, "password_hash": u["password_hash"],
         "disabled": u["disabled"]} for u in data["users"]])
    counts["disabled"] = _disable_departed(session, installation, {u["username"] for u in data["users"]})
    counts["keys"] = int(apply_keys(session, data["keys"], sender_key_id) or 0) if apply_keys and data["keys"] else 0
    if installation is not None:
        session.execute(update(InstallationRow).where(InstallationRow.id == installation.id)
                        .values(refdata_version=version_of(snapshot), refdata_at=utcnow()))
    return counts


def _disable_departed(session: Session, installation, listed: set[str]) -> list[str]:
    """Disable the enabled accounts of this post that the centre no longer lists (not those made here with
    `user add --local`, which the centre never knew): their names."""
    if installation is None:
        return []
    made_here = exists().where(and_(AuditRow.entity == "user", AuditRow.action == "create",
                                    AuditRow.entity_id == cast(UserRow.id, String)))
    names = [name for name in session.scalars(
        select(UserRow.username).join(PostRow, PostRow.id == UserRow.post_id)
        .where(PostRow.code == installation.origin_code, UserRow.disabled.is_(False), ~made_here)
        .order_by(UserRow.username)) if name not in listed]
    if names:
        session.execute(update(UserRow).where(UserRow.username.in_(names)).values(disabled=True))
        log.info("reference data: %d account(s) no longer at this post disabled: %s", len(names), ", ".join(names))
    return names


def _apply_posts(session: Session, posts: list[dict]) -> int:
    """Posts by code. A number prefix moving from one post to another (unique) is cleared first."""
    current = dict(session.execute(select(PostRow.code, PostRow.number_prefix)).all())
    moving = [p["code"] for p in posts if p["code"] in current and p["number_prefix"] != current[p["code"]]]
    if moving:
        session.execute(update(PostRow).where(PostRow.code.in_(moving)).values(number_prefix=None))
    return _upsert(session, PostRow, "code", posts)


def _upsert(session: Session, table, key: str, items: list[dict]) -> int:
    """Insert the items not there (by `key`), update those that differ; the number of rows written."""
    if not items:
        return 0
    names = list(items[0])
    column = getattr(table, key)
    before = {row[0]: dict(zip(names, row[1:], strict=True))
              for row in session.execute(select(column, *[getattr(table, n) for n in names]))}
    written = 0
    for item in items:
        old = before.get(item[key])
        if old is None:
            session.execute(insert(table).values(**item))
        elif old != item:
            session.execute(update(table).where(column == item[key]).values(**item))
        else:
            continue
        written += 1
    return written


# ------------------------------------------------------------------------------------------------- shape


def check(snapshot: Any) -> None:
    """EntryError (in words) when a snapshot cannot be applied whole; nothing is read or written."""
    _checked(snapshot)


def _checked(snapshot: Any) -> dict[str, list[dict]]:
    if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT:
        raise EntryError("The reference data is not in a format this version of sitcentre reads.")
    out: dict[str, list[dict]] = {}
    for section in SECTIONS:
        items = snapshot.get(section, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise EntryError(f"The reference data's {section} are not a list of records.")
        out[section] = items
    countries = [{"code": _str(c, "code", "a country", 2), "name": _str(c, "name", "a country", 80),
                  "utc_offset_minutes": _int(c, "utc_offset_minutes", "a country")} for c in out["countries"]]
    posts = [_post(p) for p in out["posts"]]
    substances = [_substance(s) for s in out["substances"]]
    aliases = [{"alias": _str(a, "alias", "an alias", 32), "substance_code": _str(a, "substance_code", "an alias", 32)}
               for a in out["aliases"]]
    users = [_user(u) for u in out["users"]]
    known_countries = {c["code"] for c in countries}
    for p in posts:
        for field in ("country_code", "counterpart_country_code"):
            if p[field] not in known_countries:
                raise EntryError(f"Post {p['code']} names country {p[field]!r}, which the reference data lacks.")
    known_posts = {p["code"] for p in posts}
    known_substances = {s["code"] for s in substances}
    for a in aliases:
        if a["substance_code"] not in known_substances:
            raise EntryError(f"The alias {a['alias']!r} names substance {a['substance_code']!r}, which the reference "
                             "data lacks.")
    for u in users:
        if u["post"] is not None and u["post"] not in known_posts:
            raise EntryError(f"The account {u['username']!r} belongs to post {u['post']!r}, which the reference data "
                             "lacks.")
    for section, key, items in (("countries", "code", countries), ("posts", "code", posts),
                                ("substances", "code", substances), ("aliases", "alias", aliases),
                                ("users", "username", users)):
        values = [i[key] for i in items]
        if len(values) != len(set(values)):
            raise EntryError(f"The reference data lists one of its {section} twice.")
    return {"countries": countries, "posts": posts, "substances": substances, "aliases": aliases, "users": users,
            "keys": out["keys"]}


def _post(p: dict) -> dict:
    what = f"post {p.get('code')!r}"
    prefix = p.get("number_prefix")
    if prefix is not None and (not isinstance(prefix, str) or not prefix or len(prefix) > 12):
        raise EntryError(f"The number prefix of {what} is not valid.")
    return {"code": _str(p, "code", "a post", 16), "name": _str(p, "name", what, 120),
            "crossing": _str(p, "crossing", what, 120, empty=True), "country_code": _str(p, "country_code", what, 2),
            "counterpart_country_code": _str(p, "counterpart_country_code", what, 2),
            "border": _str(p, "border", what, 5), "latitude": _float(p, "latitude", what),
            "longitude": _float(p, "longitude", what), "utc_offset_minutes": _int(p, "utc_offset_minutes", what),
            "number_prefix": prefix}


def _substance(s: dict) -> dict:
    what = f"substance {s.get('code')!r}"
    group, unit = s.get("group"), s.get("default_unit")
    if group not in {g.value for g in SubstanceGroup}:
        raise EntryError(f"{group!r} is not a substance group ({what}).")
    if unit not in {u.value for u in Unit}:
        raise EntryError(f"{unit!r} is not a unit ({what}).")
    mass = s.get("mass_per_tablet_mg")
    return {"code": _str(s, "code", "a substance", 32), "name": _str(s, "name", what, 80), "group": group,
            "default_unit": unit, "mass_per_tablet_mg": None if mass is None else _float(s, "mass_per_tablet_mg", what)}


def _user(u: dict) -> dict:
    what = f"account {u.get('username')!r}"
    role, hashed, disabled, post = u.get("role"), u.get("password_hash"), u.get("disabled", False), u.get("post")
    if role not in {r.value for r in Role}:
        raise EntryError(f"{role!r} is not a role ({what}).")
    if hashed is not None and (not isinstance(hashed, str) or not hashed.startswith("$argon2id$")):
        raise EntryError(f"The password of {what} is not an Argon2id hash.")
    if not isinstance(disabled, bool):
        raise EntryError(f"Whether {what} is disabled is not a yes or no.")
    if post is not None and not isinstance(post, str):
        raise EntryError(f"The post of {what} is not a post code.")
    return {"username": _str(u, "username", "an account", 64), "display_name": _str(u, "display_name", what, 120,
                                                                                   empty=True),
            "role": role, "password_hash": hashed, "disabled": disabled, "post": post}


def _str(item: dict, key: str, what: str, limit: int, empty: bool = False) -> str:
    value = item.get(key, "" if empty else None)
    if not isinstance(value, str) or (not value and not empty) or len(value) > limit:
        raise EntryError(f"The {key} of {what} is missing or not valid.")
    return value


def _int(item: dict, key: str, what: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 24 * 60:
        raise EntryError(f"The {key} of {what} is not a whole number of minutes.")
    return value


def _float(item: dict, key: str, what: str) -> float:
    value = item.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise EntryError(f"The {key} of {what} is not a number.")
    return float(value)
