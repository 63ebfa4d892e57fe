"""A national centre's feed for another country's centre or the regional centre (issue 13, item 6;
docs/exchange.md "Between countries"): what this country releases to that peer under its sharing policy.

A peer centre is an enabled exchange_links row at a centre whose origin is not one of this database's posts
(`sitcentre install peer --origin KGC --policy regional-default`); its policy is the row's sharing_policy, or
sharing.DEFAULT.

Unlike a post's feed, the peer gets each record's state as released, not its history here:
- an incident of this country (its origin not another centre) whose current version the policy admits, when
  that version is not yet in the peer's feed: one entry with the filtered content (sharing.filter_content), the
  version's rev, `parent` = the rev last sent to this peer for the record (so the receiver, which never edits
  it, always fast-forwards: versions the policy held back are never named), `by` = this centre (the country
  answers for what it releases), `author` "" and `changed` against the content last sent;
- an incident released before whose current version the policy no longer admits (sent back to 'reported',
  rejected), or deleted here: a delete entry (the record is withdrawn there);
- alerts from this country's posts (or from this centre) to a post that is not this country's, and the
  acknowledgements of alerts from elsewhere to this country's posts, their names blanked.
"This country's posts" are the posts of the countries of the posts whose keys this centre holds (trusted_keys,
role post): the posts it exchanges with and the others of their countries. Nothing of another country's records
leaves again (they are not this centre's to release).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import AlertRow as A
from sitcentre.db.tables import ExchangeLinkRow, PostRow, TrustedKeyRow
from sitcentre.db.tables import FeedEntryRow as F
from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import RecordVersionRow as RV
from sitcentre.exchange import sharing
from sitcentre.exchange.canonical import changed_fields
from sitcentre.repositories import feed, owned

log = logging.getLogger(__name__)


def peer_policy(session: Session, origin: str) -> str | None:
    """The sharing policy's name when `origin` is a peer centre here (an enabled link that is not a post);
    None otherwise."""
    link = session.execute(select(ExchangeLinkRow.sharing_policy, ExchangeLinkRow.enabled)
                           .where(ExchangeLinkRow.origin == origin)).first()
    if link is None or link.enabled is False:
        return None
    if session.scalar(select(PostRow.id).where(PostRow.code == origin)) is not None:
        return None
    return link.sharing_policy or sharing.DEFAULT


def our_posts(session: Session) -> set[str]:
    """The codes of this country's posts: every post of the countries of the posts this centre exchanges with
    (their keys trusted, or trusted once and revoked). None at a regional centre, which has no posts."""
    exchanging = select(TrustedKeyRow.origin_code).where(TrustedKeyRow.role == "post",
                                                         TrustedKeyRow.state.in_(("trusted", "revoked")))
    countries = select(PostRow.country_code).where(PostRow.code.in_(exchanging))
    return set(session.scalars(select(PostRow.code).where(PostRow.country_code.in_(countries))))


def centres(session: Session) -> set[str]:
    """The origins of every other centre whose key is held here (national or regional)."""
    return set(session.scalars(select(TrustedKeyRow.origin_code).where(TrustedKeyRow.role == "centre")))


def materialise(session: Session, me: Any, audience: str, policy: sharing.Policy) -> int:
    """Append to `me`'s feed for peer `audience` what is released to it and not yet in it (module docstring).
    The caller holds feed.lock_feeds (taken here too). Returns the number appended."""
    feed.lock_feeds(session)
    epoch = str(me.epoch)
    items = list(_incident_items(session, me, audience, policy))
    items += [_owned_item(policy, fields) for fields in _pending_owned(session, me, audience, policy)]
    items = [{**fields, "refdata_version": ""} for fields in items]
    count = len(feed.append_many(session, origin=me.origin, epoch=epoch, audience=audience, items=items))
    if count:
        log.info("feed %s/%s/%s (peer, policy %s v%s): %d new entries", me.origin, epoch, audience, policy.name,
                 policy.version, count)
    return count


# ------------------------------------------------------------------------------------------------ incidents

def _in_feed(session: Session, me: Any, audience: str, rev=None):
    row_key = owned.uuid_text(RV.row_id, session.get_bind().dialect.name)
    conditions = [F.origin == me.origin, F.epoch == str(me.epoch), F.audience == audience, F.kind == "incident",
                  F.row_id == row_key]
    if rev is not None:
        conditions.append(F.rev == rev)
    return exists().where(*conditions)


def _candidates(session: Session, me: Any, audience: str, policy: sharing.Policy) -> list[int]:
    """Ids of the versions to consider: current versions of this country's incidents not yet in the feed
    (released statuses, or records sent before), and tombstones of records sent before."""
    foreign = select(TrustedKeyRow.origin_code).where(TrustedKeyRow.role == "centre")
    heads = (select(RV.id).join(I, and_(I.id == RV.row_id, I.rev == RV.rev))
             .where(func.coalesce(I.origin, "").not_in(foreign),
                    or_(I.status.in_(sorted(policy.statuses)), _in_feed(session, me, audience)),
                    ~_in_feed(session, me, audience, RV.rev)))
    gone = (select(RV.id).where(RV.op == "delete", ~exists().where(I.id == RV.row_id),
                                _in_feed(session, me, audience), ~_in_feed(session, me, audience, RV.rev)))
    return sorted(set(session.scalars(heads)) | set(session.scalars(gone)))


def _incident_items(session: Session, me: Any, audience: str, policy: sharing.Policy):
    ids = _candidates(session, me, audience, policy)
    for start in range(0, len(ids), feed.INSERT_BATCH):
        rows = session.execute(select(RV.id, RV.row_id, RV.rev, RV.op, RV.device_time, RV.content_json)
                               .where(RV.id.in_(ids[start:start + feed.INSERT_BATCH])).order_by(RV.id)).all()
        last = _last_sent(session, me, audience, {str(r.row_id) for r in rows})
        for r in rows:
            item = _incident_item(policy, me, r, last.get(str(r.row_id)))
            if item is not None:
                last[str(r.row_id)] = (item["rev"], item["op"], item["row"])
                yield item


def _last_sent(session: Session, me: Any, audience: str, row_ids: set[str]) -> dict[str, tuple]:
    """Per record: (rev, op, row) of the last entry sent to this peer."""
    found: dict[str, tuple] = {}
    if not row_ids:
        return found
    for r in session.execute(select(F.row_id, F.rev, F.body).where(
            F.origin == me.origin, F.epoch == str(me.epoch), F.audience == audience, F.kind == "incident",
            F.row_id.in_(list(row_ids))).order_by(F.seq)):
        body = json.loads(r.body)
        found[r.row_id] = (r.rev, body.get("op"), body.get("row"))
    return found


def _incident_item(policy: sharing.Policy, me: Any, r, last: tuple | None) -> dict | None:
    content = json.loads(r.content_json) if r.content_json else None
    parent, last_op, last_row = last if last is not None else (None, None, None)
    base = {"kind": "incident", "id": str(r.row_id), "rev": r.rev, "parent": parent, "merge": None, "by": me.origin,
            "author": "", "device_time": feed._time(r.device_time)}
    if r.op != "delete" and policy.admits(content):
        row = sharing.filter_content(policy, content)
        return {**base, "op": "upsert", "changed": changed_fields(last_row if last_op == "upsert" else None, row),
                "row": row}
    if last_op == "upsert":  # released before, not now: withdrawn there
        return {**base, "op": "delete", "changed": {}, "row": None}
    return None


# ------------------------------------------------------------------------------------------------ alerts

def _pending_owned(session: Session, me: Any, audience: str, policy: sharing.Policy) -> list[dict]:
    ours = our_posts(session)
    codes = dict(session.execute(select(PostRow.id, PostRow.code)).all())
    ids = [post_id for post_id, code in codes.items() if code in ours]
    mine = A.from_post_id.in_(ids) if ids else false()
    to_ours = A.to_post_id.in_(ids) if ids else false()
    dialect = session.get_bind().dialect.name
    kinds = policy.kinds

    def not_in_feed(kind: str):
        return ~exists().where(F.origin == me.origin, F.epoch == str(me.epoch), F.audience == audience,
                               F.kind == kind, F.rev == owned.REVS[kind], F.row_id == owned.uuid_text(A.id, dialect))

    out: list[tuple[tuple, dict]] = []
    if sharing.ALERT in kinds:  # from here (a post of ours, or this centre) to a post of another country
        leaving = and_(or_(mine, and_(A.from_post_id.is_(None), A.origin.is_(None))), A.to_post_id.is_not(None),
                       ~to_ours, A.origin.is_distinct_from(audience))
        for r in session.scalars(select(A).where(leaving, not_in_feed("alert"))):
            out.append(((r.sent_at, 0, str(r.id)), owned.alert_fields(r, me.origin, codes)))
    if sharing.ALERT_ACK in kinds:  # the answers of this country's posts to alerts from elsewhere
        answered = and_(to_ours, ~mine, A.acknowledged_at.is_not(None), A.ack_origin.is_distinct_from(audience))
        for r in session.scalars(select(A).where(answered, not_in_feed("alert_ack"))):
            out.append(((max(r.acknowledged_at, r.sent_at), 1, str(r.id)), owned.ack_fields(r, me.origin)))
    out.sort(key=lambda pair: pair[0])
    return [fields for _, fields in out]


def _owned_item(policy: sharing.Policy, fields: dict) -> dict:
    return {**fields, "author": "", "row": sharing.filter_row(policy, fields["kind"], fields["row"])}


# ------------------------------------------------------------------------------------------------ the link

def save_peer(session: Session, origin: str, policy: str) -> tuple[str | None, str]:
    """Make `origin` a peer centre under `policy` (an exchange_links row: a new one, or an existing one's policy;
    its address and sync state kept). Returns (the policy before or None, the policy now)."""
    row = session.get(ExchangeLinkRow, origin)
    before = None if row is None else row.sharing_policy
    if row is None:
        row = ExchangeLinkRow(origin=origin, last_error="", failures=0, enabled=True)
        session.add(row)
    row.sharing_policy = policy
    session.flush()
    return before, policy


def peers(session: Session) -> list[tuple[str, str, bool]]:
    """(origin, policy, enabled) of every link that names a sharing policy."""
    return [(r.origin, r.sharing_policy, r.enabled is not False) for r in session.execute(
        select(ExchangeLinkRow.origin, ExchangeLinkRow.sharing_policy, ExchangeLinkRow.enabled)
        .where(ExchangeLinkRow.sharing_policy.is_not(None)).order_by(ExchangeLinkRow.origin))]
