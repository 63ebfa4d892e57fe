"""Sharing policies between countries (issue 13, item 6; docs/exchange.md "Between countries"): which record
kinds, which fields and which records a national centre releases to another country's centre or to the
regional centre. Pure: no database.

A policy is named and versioned; the exporting centre filters every entry for a peer centre through the policy
stored for that peer (exchange_links.sharing_policy, `DEFAULT` when none) before the entry is written into the
peer's feed, so the entry's hash covers the filtered content, and names the policy in the signed manifest
(`"policy": {"name": ..., "version": ...}`). The receiving centre checks every entry against the policy the
manifest names (`check_entry`): one field outside it refuses the whole bundle.

Field rules: KEEP (leaves as it is), NULL (leaves as null: a name), EMPTY (leaves as ""; a name in a record
that has no null). A field not listed does not leave at all.

`regional-default` v1: verified incidents without personal data: no names (recorded_by, verified_by null; the
author of a version ""), no detainee nationalities, no narrative, no rejection reason nor duplicate link
(a verified incident has neither; the link names a record that may not leave); the lines as they are. The
concealment method and a joint operation's name describe the smuggling and the operation, not a person: kept.
Alerts and their acknowledgements across the border (the sender's and acknowledger's names blanked: the posts
say where they came from). No post status changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sitcentre.exchange.canonical import LINE_PREFIX, LINES

KEEP, NULL, EMPTY = "keep", "null", "empty"
_BLANKS = {NULL: None, EMPTY: ""}
INCIDENT, ALERT, ALERT_ACK = "incident", "alert", "alert_ack"
# Entry fields every kind has (docs/exchange.md "Feeds"); `row`, `changed` and `author` are decided here.
ENTRY_FIELDS = frozenset({"v", "origin", "epoch", "audience", "seq", "prev", "kind", "op", "id", "rev", "parent",
                          "merge", "by", "author", "device_time", "changed", "row", "refdata_version"})


class PolicyError(ValueError):
    """An entry holds what its policy does not release, or a policy is unknown; the message is for a person."""


@dataclass(frozen=True)
class Policy:
    name: str
    version: int
    incident: Mapping[str, str] = field(default_factory=dict)  # content field -> rule
    line: Mapping[str, str] = field(default_factory=dict)  # seizure line field -> rule
    statuses: frozenset[str] = frozenset()  # incidents in these statuses leave
    alert: Mapping[str, str] = field(default_factory=dict)
    alert_ack: Mapping[str, str] = field(default_factory=dict)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, rules in ((INCIDENT, self.incident), (ALERT, self.alert),
                                                   (ALERT_ACK, self.alert_ack)) if rules)

    @property
    def ref(self) -> dict:
        """As the manifest names it."""
        return {"name": self.name, "version": self.version}

    def admits(self, content: Mapping[str, Any] | None) -> bool:
        """Whether this incident version leaves at all (its status)."""
        return content is not None and content.get("status") in self.statuses


REGIONAL_DEFAULT = Policy(
    name="regional-default", version=1,
    incident={**dict.fromkeys(("id", "number", "post", "occurred_at", "reported_at", "incident_type", "direction",
                               "transport_mode", "concealment", "route_departure", "route_transit",
                               "route_destination", "persons_detained", "joint_operation", "status", "verified_at",
                               LINES), KEEP),
              "recorded_by": NULL, "verified_by": NULL},
    line=dict.fromkeys(("substance", "quantity", "unit", "basis", "mass_per_tablet_mg"), KEEP),
    statuses=frozenset({"verified"}),
    alert={**dict.fromkeys(("from_post", "to_post", "sent_at", "priority", "text", "incident_id"), KEEP),
           "sent_by": EMPTY},
    alert_ack={"acknowledged_at": KEEP, "acknowledged_by": EMPTY},
)

POLICIES: dict[tuple[str, int], Policy] = {(p.name, p.version): p for p in (REGIONAL_DEFAULT,)}
DEFAULT = REGIONAL_DEFAULT.name


def names() -> list[str]:
    return sorted({name for name, _ in POLICIES})


def latest(name: str | None) -> Policy:
    """The newest version of the policy called `name` (DEFAULT when None or empty); PolicyError if unknown."""
    name = name or DEFAULT
    found = [p for (n, _), p in POLICIES.items() if n == name]
    if not found:
        raise PolicyError(f"There is no sharing policy called {name!r} (known: {', '.join(names())}).")
    return max(found, key=lambda p: p.version)


def named(ref: Any) -> Policy:
    """The policy a manifest names ({"name", "version"}); PolicyError when absent or unknown here."""
    if not isinstance(ref, Mapping) or not isinstance(ref.get("name"), str) or type(ref.get("version")) is not int:
        raise PolicyError("The bundle does not name the sharing policy it was made under.")
    policy = POLICIES.get((ref["name"], ref["version"]))
    if policy is None:
        raise PolicyError(f"The bundle was made under sharing policy {ref['name']!r} version {ref['version']}, "
                          "which this installation does not know: update sitcentre.")
    return policy


# ------------------------------------------------------------------------------------------------ filtering

def filter_content(policy: Policy, content: Mapping[str, Any]) -> dict:
    """The incident content as it leaves under `policy`: listed fields kept or blanked, the rest removed."""
    out = _filtered(policy.incident, content)
    if LINES in out:
        out[LINES] = {line_id: _filtered(policy.line, line) for line_id, line in (content.get(LINES) or {}).items()}
    return out


def filter_row(policy: Policy, kind: str, row: Mapping[str, Any]) -> dict:
    """An alert's or an acknowledgement's row as it leaves under `policy`."""
    return _filtered(_rules(policy, kind), row)


def filter_changed(policy: Policy, changed: Mapping[str, Any] | None) -> dict:
    """The `changed` of an incident entry with only the fields that leave as they are (no blanked name's old
    value, no removed field's)."""
    kept = {key for key, rule in policy.incident.items() if rule == KEEP}
    return {key: value for key, value in (changed or {}).items()
            if key in kept or (LINES in kept and key.startswith(LINE_PREFIX))}


def _filtered(rules: Mapping[str, str], row: Mapping[str, Any]) -> dict:
    return {key: (row[key] if rule == KEEP else _BLANKS[rule]) for key, rule in rules.items() if key in row}


def _rules(policy: Policy, kind: str) -> Mapping[str, str]:
    return {INCIDENT: policy.incident, ALERT: policy.alert, ALERT_ACK: policy.alert_ack}.get(kind, {})


# ------------------------------------------------------------------------------------------------ checking

def check_entry(policy: Policy, entry: Mapping[str, Any]) -> None:
    """PolicyError (in words) when a received entry holds anything `policy` does not release: a kind, an entry
    field, a record field, a name, an incident in another status, a changed field."""
    kind, what = entry.get("kind"), f"entry #{entry.get('seq')}"
    if kind not in policy.kinds:
        raise PolicyError(f"{what} is a {kind!r} record, which sharing policy {policy.name} does not release.")
    extra = sorted(set(entry) - ENTRY_FIELDS)
    if extra:
        raise PolicyError(f"{what} carries {', '.join(extra)}, outside sharing policy {policy.name}.")
    if entry.get("author") not in (None, ""):
        raise PolicyError(f"{what} names who wrote it, which sharing policy {policy.name} does not release.")
    row = entry.get("row")
    if kind == INCIDENT:
        if entry.get("op") == "delete":
            if row is not None:
                raise PolicyError(f"{what} withdraws a record but still carries it.")
        else:
            _check_row(policy.incident, row, what, policy)
            if row.get("status") not in policy.statuses:
                raise PolicyError(f"{what} is an incident with status {row.get('status')!r}; sharing policy "
                                  f"{policy.name} releases only {', '.join(sorted(policy.statuses))} ones.")
            lines = row.get(LINES, {})
            if not isinstance(lines, Mapping):
                raise PolicyError(f"{what}: its seizure lines cannot be read.")
            for line in lines.values():
                _check_row(policy.line, line, f"{what}, a seizure line,", policy)
        changed = entry.get("changed") or {}
        if not isinstance(changed, Mapping) or dict(changed) != filter_changed(policy, changed):
            raise PolicyError(f"{what} says how fields outside sharing policy {policy.name} changed.")
        return
    _check_row(_rules(policy, kind), row, what, policy)
    if entry.get("changed"):
        raise PolicyError(f"{what} carries changed fields, which an alert or acknowledgement never has.")


def _check_row(rules: Mapping[str, str], row: Any, what: str, policy: Policy) -> None:
    if not isinstance(row, Mapping):
        raise PolicyError(f"{what} carries no record.")
    outside = sorted(set(row) - set(rules))
    if outside:
        raise PolicyError(f"{what} carries {', '.join(outside)}, outside sharing policy {policy.name}.")
    for key, rule in rules.items():
        if rule != KEEP and key in row and row[key] != _BLANKS[rule]:
            raise PolicyError(f"{what} names {key}, which sharing policy {policy.name} does not release.")
