"""Sign-in: Argon2id password hashes, lock-out after repeated failures, the demo and first-admin accounts.

A refused sign-in always says the same thing, whatever was wrong (unknown user, wrong password, locked,
disabled): telling them apart would tell a guesser which user names exist. The audit row of the attempt
records the real reason for the administrators.

Hashing (argon2-cffi): Argon2id, 46 MiB, 2 passes, 1 lane. OWASP's minimum is 19 MiB with 2 passes (or
46 MiB with 1); this is about 0.1 s a hash on a situation-centre PC. A stored hash made with other
parameters is upgraded at the next successful sign-in.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.accounts import REFUSED_MESSAGE, AccountError, LoginRefused  # noqa: F401  (re-exported)
from sitcentre.domain.enums import Role
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import utcnow
from sitcentre.domain.usernames import USERNAME_PATTERN, mixed_scripts, normalise_username
from sitcentre.repositories.users import Account, UserRepository
from sitcentre.services import audit_writing as audit
from sitcentre.services.audit_writing import AuditAction
from sitcentre.services.guard import require_actor
from sitcentre.settings import Settings

ARGON2_MEMORY_KIB = 47_104
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1
HASHER = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                        parallelism=ARGON2_PARALLELISM, hash_len=32, salt_len=16, type=Type.ID)

DEMO_USERNAME = "demo"
PASSWORD_MAX_LENGTH = 1024  # Argon2 takes any length; this only stops a pasted novel from costing time

_dummy_hash: str | None = None

# --------------------------------------------------------------------------------------- passwords

def hash_password(password: str) -> str:
    return HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        _spend_time(password)
        return False
    try:
        return HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _spend_time(password: str) -> None:
    """Verify against a throw-away hash, so that an unknown user name takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = HASHER.hash("not a password of anyone")
    try:
        HASHER.verify(_dummy_hash, password)
    except VerificationError:
        pass


def check_username(username: str) -> str:
    """The name as it will be stored (domain.usernames: NFKC, case folded), or AccountError saying why not."""
    name = plain_username(username)
    refuse_mixed_scripts(name)
    return name


def plain_username(username: str) -> str:
    name = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(name):
        raise AccountError(_t("'{name}' cannot be a user name: use 2 to 64 letters, digits, dots, dashes, "
                              "underscores or @, without spaces.").format(name=username))
    return name


def refuse_mixed_scripts(name: str) -> None:
    if mixed_scripts(name):
        raise AccountError(_t("'{name}' mixes letters of different alphabets (such as Latin and Cyrillic), so "
                              "it could pass for another name: use the letters of one alphabet.").format(name=name))


def find_account(session: Session, username: str, for_update: bool = False) -> Account | None:
    """The account a typed name means: its normalised form, else the form earlier versions stored."""
    return UserRepository(session).find(username, for_update)


def check_password(password: str, username: str, settings: Settings) -> None:
    if len(password) < settings.password_min_length:
        raise AccountError(_t("The password is too short: use at least {n} characters.").format(
            n=settings.password_min_length))
    if len(password) > PASSWORD_MAX_LENGTH:
        raise AccountError(_t("The password is too long: use at most {n} characters.").format(n=PASSWORD_MAX_LENGTH))
    if not password.strip() or password.strip().lower() == normalise_username(username):
        raise AccountError(_t("The password cannot be blank or the user name."))


# ----------------------------------------------------------------------------------------- sign-in

def actor_of(row: Account, demo: bool = False) -> Actor:
    return Actor(id=row.id, username=row.username, role=Role(row.role), post_id=row.post_id,
                 display_name=row.display_name, demo=demo)


def authenticate(engine: Engine, username: str, password: str, settings: Settings,
                 now: datetime | None = None) -> Actor:
    """The signed-in Actor, or LoginRefused. Every attempt is audited; failures count towards a lock-out.

    The password is checked outside the write transaction (it takes a tenth of a second); the outcome is
    then written with the account row locked, so that two attempts at once both count.
    """
    if not isinstance(settings, Settings):
        raise TypeError("authenticate needs the Settings built at start-up")
    now = now or utcnow()
    name = normalise_username(username)[:64]
    with UnitOfWork(engine) as uow:
        found = find_account(uow.session, username)
        account_id, stored = (None, None) if found is None else (found.id, found.password_hash)
    matches = password_matches(stored, password)
    with UnitOfWork(engine, write=True) as uow:
        row = UserRepository(uow.session).get(account_id, for_update=True)
        reason = _refusal_reason(row, matches, now)
        if reason is None:
            actor = _signed_in(uow, row, stored, password)
            uow.commit()
            return actor
        _count_failure(uow, row, name, reason, now, settings)
        uow.commit()
    raise LoginRefused()


def _refusal_reason(row: Account | None, matches: bool, now: datetime) -> str | None:
    if row is None:
        return "unknown_user"
    if row.disabled:
        return "disabled"
    if row.locked_until is not None and row.locked_until > now:
        return "locked"
    if row.password_hash is None:
        return "no_password"
    return None if matches else "wrong_password"


def _signed_in(uow: UnitOfWork, row: Account, checked_hash: str | None, password: str) -> Actor:
    values = {"failed_logins": 0, "locked_until": None}
    if row.password_hash == checked_hash and HASHER.check_needs_rehash(row.password_hash):
        values["password_hash"] = hash_password(password)
    UserRepository(uow.session).set(row.id, **values)
    actor = actor_of(row)
    audit.append(uow.session, actor, AuditAction.LOGIN, "user", row.id,
                 after={"rehashed": "password_hash" in values} if "password_hash" in values else None)
    return actor


def _count_failure(uow: UnitOfWork, row: Account | None, name: str, reason: str, now: datetime,
                   settings: Settings) -> None:
    after: dict = {"reason": reason}
    if row is not None and reason in ("wrong_password", "no_password"):
        expired = row.locked_until is not None and row.locked_until <= now
        failures = (0 if expired else row.failed_logins) + 1
        locked_until = None
        if failures >= settings.login_max_failures:
            locked_until, failures = now + timedelta(minutes=settings.login_lockout_minutes), 0
        UserRepository(uow.session).set(row.id, failed_logins=failures, locked_until=locked_until)
        after.update(failed_logins=failures, locked_until=locked_until)
    elif row is not None and reason == "locked":
        after["locked_until"] = row.locked_until
    who = Actor(id=None if row is None else row.id, username=name, role=None)
    audit.append(uow.session, who, AuditAction.LOGIN_FAILED, "user", "" if row is None else row.id, after=after)


def logout(engine: Engine, actor: Actor) -> None:
    """Audit the end of a session (the UI calls it when the window closes or the user signs out)."""
    require_actor(actor)
    audit.append_now(engine, actor, AuditAction.LOGOUT, "user", actor.id or "")


# ---------------------------------------------------------------------------- first start and demo

def has_users(engine: Engine) -> bool:
    """False on a database nobody can sign in to yet: the first start asks for the first administrator."""
    with UnitOfWork(engine) as uow:
        return UserRepository(uow.session).any()


def create_first_admin(engine: Engine, username: str, password: str, display_name: str = "", *,
                       settings: Settings) -> Actor:
    """Create the first administrator on a database without accounts, and sign them in.

    Refused (AccountError) once any account exists: from then on administrators add accounts.
    """
    if not isinstance(settings, Settings):
        raise TypeError("create_first_admin needs the Settings built at start-up")
    name = check_username(username)
    check_password(password, name, settings)
    password_hash = hash_password(password)
    with UnitOfWork(engine, write=True) as uow:
        audit.lock_chain(uow.session)  # two first starts at once: the second waits here, then finds the first
        users = UserRepository(uow.session)
        if users.any():
            raise AccountError(_t("An account already exists on this database: sign in, or ask an administrator."))
        row = users.add(username=name, display_name=display_name.strip(), role=Role.ADMIN.value,
                        password_hash=password_hash, disabled=False, failed_logins=0)
        actor = actor_of(row)
        audit.append(uow.session, actor, AuditAction.CREATE, "user", row.id, after=user_fields(row))
        audit.append(uow.session, actor, AuditAction.LOGIN, "user", row.id, after={"first_admin": True})
        uow.commit()
    return actor


def ensure_demo_user(engine: Engine) -> Actor:
    """The demo supervisor for `--demo`, created when missing; signed in without a password (audited).

    Refused (AccountError) on a database with other accounts: a password-less supervisor must never be
    added to a real database because someone started the app with --demo pointing at it.
    """
    with UnitOfWork(engine, write=True) as uow:
        audit.lock_chain(uow.session)
        users = UserRepository(uow.session)
        if users.count_other_than(DEMO_USERNAME):
            raise AccountError(_t("The demo sign-in is only for a demo database, and this one has user accounts. "
                                  "Sign in with your account."))
        row = users.named(DEMO_USERNAME)
        if row is None:
            row = users.add(username=DEMO_USERNAME, display_name="Demo supervisor", role=Role.SUPERVISOR.value,
                            password_hash=None, disabled=False, failed_logins=0)
            audit.append(uow.session, Actor.system_actor("demo"), AuditAction.CREATE, "user", row.id,
                         after=user_fields(row))
        actor = actor_of(row, demo=True)
        audit.append(uow.session, actor, AuditAction.LOGIN, "user", row.id, after={"demo": True})
        uow.commit()
    return actor


def user_fields(row: Account) -> dict:
    """What the audit trail keeps of an account: never the password hash."""
    return {"username": row.username, "display_name": row.display_name, "role": row.role, "post_id": row.post_id,
            "disabled": bool(row.disabled)}
