"""Who may do what: roles x actions, checked by the services (the UI only greys out what they refuse).

One table, `PERMISSIONS`, says which roles may take each action; `require()` raises PermissionDenied with
a message the person can act on. Operators' incident actions are also limited by post when the policy
says so (a post's own workstation); supervisors and admins are never limited by post.

The system actor (`Actor.system()`) is the app acting for itself: demo seeding, tests and the CLI run by
whoever holds the database's own credentials. It may do everything, and is named in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sitcentre.domain.enums import Role
from sitcentre.domain.i18n import N_, _t


class Action(StrEnum):
    INCIDENT_CREATE = "incident.create"
    INCIDENT_EDIT = "incident.edit"
    INCIDENT_DELETE = "incident.delete"
    INCIDENT_VERIFY = "incident.verify"  # verify, reject and reopen
    INCIDENT_LINK_DUPLICATE = "incident.link_duplicate"  # link and unlink
    POST_SET_STATUS = "post.set_status"
    POST_MANAGE = "post.manage"  # create posts, edit their reference data
    EXCHANGE_IMPORT = "exchange.import"
    EXCHANGE_EXPORT = "exchange.export"
    EXCHANGE_RESOLVE_CONFLICT = "exchange.resolve_conflict"
    EXCHANGE_TRUST_KEY = "exchange.trust_key"  # trust or revoke another installation's signing key
    ALERT_SEND = "alert.send"
    ALERT_ACKNOWLEDGE = "alert.acknowledge"
    REPORT_EXPORT = "report.export"  # the daily brief for management
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    SHEET_IMPORT_INCIDENTS = "sheet.import_incidents"  # incident logs from spreadsheets (issue 15)
    SHEET_IMPORT_STATISTICS = "sheet.import_statistics"  # published statistics from spreadsheets
    SETTINGS_MANAGE = "settings.manage"  # the installation's policy (thresholds, own-post rule, centre clock)


_O, _S, _A = Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN

# Supervisors may also record and correct incidents (they review them, and the --demo login is one);
# admins run accounts and posts, not the incident record.
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.INCIDENT_CREATE: frozenset({_O, _S}),
    Action.INCIDENT_EDIT: frozenset({_O, _S}),
    Action.INCIDENT_DELETE: frozenset({_S}),
    Action.INCIDENT_VERIFY: frozenset({_S}),
    Action.INCIDENT_LINK_DUPLICATE: frozenset({_S}),
    Action.POST_SET_STATUS: frozenset({_S}),
    Action.POST_MANAGE: frozenset({_A}),
    Action.EXCHANGE_IMPORT: frozenset({_O, _S}),
    Action.EXCHANGE_EXPORT: frozenset({_O, _S}),
    Action.EXCHANGE_RESOLVE_CONFLICT: frozenset({_S}),
    Action.EXCHANGE_TRUST_KEY: frozenset({_S, _A}),
    Action.ALERT_SEND: frozenset({_O, _S}),
    Action.ALERT_ACKNOWLEDGE: frozenset({_O, _S}),
    Action.REPORT_EXPORT: frozenset({_S}),
    Action.USER_MANAGE: frozenset({_A}),
    Action.AUDIT_VIEW: frozenset({_S, _A}),
    Action.SHEET_IMPORT_INCIDENTS: frozenset({_O, _S}),
    Action.SHEET_IMPORT_STATISTICS: frozenset({_S}),
    Action.SETTINGS_MANAGE: frozenset({_A}),
}

# Actions an operator may take only on incidents of their own post, when the policy says so.
POST_SCOPED = frozenset({Action.INCIDENT_CREATE, Action.INCIDENT_EDIT})

_WHAT = {
    Action.INCIDENT_CREATE: N_("record incidents"),
    Action.INCIDENT_EDIT: N_("edit incidents"),
    Action.INCIDENT_DELETE: N_("delete incidents"),
    Action.INCIDENT_VERIFY: N_("verify or reject incidents"),
    Action.INCIDENT_LINK_DUPLICATE: N_("link duplicate incidents"),
    Action.POST_SET_STATUS: N_("change a post's operational status"),
    Action.POST_MANAGE: N_("add or edit posts"),
    Action.EXCHANGE_IMPORT: N_("import data bundles"),
    Action.EXCHANGE_EXPORT: N_("export data bundles"),
    Action.EXCHANGE_RESOLVE_CONFLICT: N_("resolve exchange conflicts"),
    Action.EXCHANGE_TRUST_KEY: N_("trust or revoke the signing keys of other installations"),
    Action.ALERT_SEND: N_("send alerts"),
    Action.ALERT_ACKNOWLEDGE: N_("acknowledge alerts"),
    Action.REPORT_EXPORT: N_("export the daily brief"),
    Action.USER_MANAGE: N_("manage user accounts"),
    Action.AUDIT_VIEW: N_("view the audit trail"),
    Action.SHEET_IMPORT_INCIDENTS: N_("import incident logs from spreadsheets"),
    Action.SHEET_IMPORT_STATISTICS: N_("import published statistics"),
    Action.SETTINGS_MANAGE: N_("change the installation's settings"),
}
_ROLE_PLURAL = {Role.OPERATOR: N_("Operators"), Role.SUPERVISOR: N_("Supervisors"), Role.ADMIN: N_("Administrators")}
_ROLE_NAME = {Role.OPERATOR: N_("an operator"), Role.SUPERVISOR: N_("a supervisor"), Role.ADMIN: N_("an administrator")}


@dataclass(frozen=True)
class Policy:
    """Site choices that widen or narrow the table above (from Settings)."""

    operators_all_posts: bool = True


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, the demo supervisor, or the system itself."""

    id: int | None
    username: str
    role: Role | None
    post_id: int | None = None
    display_name: str = ""
    demo: bool = False
    system: bool = False

    @classmethod
    def system_actor(cls, name: str = "") -> Actor:
        return cls(id=None, username=name or "system", role=None, system=True)

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can(self, action: Action, post_id: int | None = None, policy: Policy = Policy()) -> bool:
        """For the UI: whether to offer the action at all (the service checks again)."""
        return refusal(self, action, post_id, policy) is None


SYSTEM = Actor.system_actor()


class PermissionDenied(Exception):
    """The actor may not take the action. The message says why and whom to ask; it is audited."""

    def __init__(self, actor: Actor, action: Action, message: str, post_id: int | None = None):
        super().__init__(message)
        self.actor = actor
        self.action = action
        self.post_id = post_id
        self.message = message


def refusal(actor: Actor, action: Action, post_id: int | None = None, policy: Policy = Policy()) -> str | None:
    """Why the actor may not take the action, or None when they may."""
    action = Action(action)
    if actor.system:
        return None
    roles = PERMISSIONS[action]
    if actor.role not in roles:
        who = _t(" or ").join(_t(_ROLE_NAME[r]) for r in sorted(roles, key=list(Role).index)) or _t("nobody")
        plural = _t(_ROLE_PLURAL.get(actor.role, N_("Accounts without a role")))
        return _t("{who} cannot {what}: ask {asked}.").format(who=plural, what=_t(_WHAT[action]), asked=who)
    if actor.role == Role.OPERATOR and action in POST_SCOPED and not policy.operators_all_posts:
        if actor.post_id is None:
            return _t("Your account is not assigned to a post, so you cannot {what}: ask an administrator.").format(
                what=_t(_WHAT[action]))
        if post_id is not None and post_id != actor.post_id:
            return _t("You can {what} of your own post only.").format(what=_t(_WHAT[action]))
    return None


def require(actor: Actor, action: Action, post_id: int | None = None, policy: Policy = Policy()) -> None:
    """Raise PermissionDenied unless the actor may take the action (on an incident of `post_id`)."""
    message = refusal(actor, action, post_id, policy)
    if message is not None:
        raise PermissionDenied(actor, Action(action), message, post_id)
