"""The keys noun: other installations' signing keys as the app shows and decides them (issue 13, item 4).

Over sitcentre.services.keys, as the desk's actor. A key arrives in a key file (`keys export` at the other
installation) or with a bundle (the import notes an unknown sender's key as pending). A supervisor or an
administrator compares the fingerprint with the one read out by the other side, then trusts it; a revoked
key stays revoked. Reads return frozen values; writes return Done naming the audit trail (every decision is
audited, and so is a refused one).

The service's key errors are ValueErrors with words for a person; here they leave as `KeyNotUsable`, an
OperatorError, so the app shows their words as they are (ui.common.messages).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitcentre.backend.noun import Noun
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.errors import OperatorError
from sitcentre.exchange.signing import KeyInfo, fingerprint
from sitcentre.services import installation
from sitcentre.services import keys as key_service
from sitcentre.services.keys import KeyRecord

__all__ = ["Keys", "KeyInfo", "KeyRecord", "KeyCandidate", "OwnKey", "KeyNotUsable", "STATES"]

STATES = ("trusted", "pending", "revoked")  # the order the keys dialog lists them in


class KeyNotUsable(OperatorError):
    """A key file that is not one, our own key, a revoked key, an unknown id, no key of our own yet."""


@dataclass(frozen=True)
class OwnKey:
    """This installation's signing key, as the other side compares it."""

    origin: str
    role: str
    key_id: str
    fingerprint: str


@dataclass(frozen=True)
class KeyCandidate:
    """Everything the trust dialog shows about one key, read in one go on the worker.

    `state`: the registry's view ("new" when never seen, else pending/trusted/revoked); `refused`: why it cannot
    be trusted here, in words (our own key, a revoked key), else ""; `rotation_of`: the key ids of this origin's
    other trusted keys of the same role (trusting this one too is a key rotation)."""

    info: KeyInfo
    fingerprint: str
    state: str
    refused: str = ""
    rotation_of: tuple[str, ...] = ()

    @property
    def key_id(self) -> str:
        return self.info.key_id

    @property
    def origin(self) -> str:
        return self.info.origin

    @property
    def role(self) -> str:
        return self.info.role


def _audit(key_id: str) -> Changes:
    """A key decision appends an audit entry; the keys dialog listens to this topic to reload its list."""
    return Changes.of(Topic.AUDIT, key_id)


class Keys(Noun):
    def list(self) -> list[KeyRecord]:
        """Every key of other installations recorded here, trusted first, then waiting, then revoked."""
        rank = {state: i for i, state in enumerate(STATES)}
        rows = key_service.list_keys(self.engine)
        return sorted(rows, key=lambda k: (rank.get(k.state, len(STATES)), k.origin, k.key_id))

    def own(self) -> OwnKey | None:
        """This installation's key (None before `sitcentre install init` made one)."""
        me = installation.show(self.engine)
        if me is None or not me.key_id or not me.fingerprint:
            return None
        return OwnKey(me.origin_code, me.role, me.key_id, me.fingerprint)

    def key_info(self, source: str | os.PathLike | bytes) -> KeyInfo:
        """The key a key file or a bundle names (a path, or the file's bytes), checked; state 'pending'."""
        with _in_words():
            if isinstance(source, bytes | bytearray):
                return key_service.read_key_file(bytes(source))
            return key_service.read_key_source(source)

    def trustable(self, info: KeyInfo) -> KeyInfo | None:
        """The registry's view of the key (None: never seen); KeyNotUsable when it cannot be trusted here."""
        with _in_words():
            return key_service.trustable(self.engine, info)

    def same_origin_keys(self, info: KeyInfo) -> list[KeyRecord]:
        """This origin's other trusted keys of the same role: trusting `info` too is a key rotation."""
        with _in_words():
            return key_service.same_origin_keys(self.engine, info)

    def examine(self, source: KeyInfo | str | os.PathLike | bytes) -> KeyCandidate:
        """What the trust dialog shows: the key read from `source` (or given), its fingerprint, its state
        here, why it cannot be trusted (if so) and whether it would be a key rotation. Raises KeyNotUsable
        only when `source` holds no readable key."""
        info = source if isinstance(source, KeyInfo) else self.key_info(source)
        try:
            known = self.trustable(info)
        except KeyNotUsable as exc:
            own = self.own()
            state = "own" if own is not None and own.key_id == info.key_id else "revoked"
            return KeyCandidate(info, fingerprint(info.public_key), state, refused=str(exc))
        rotation = tuple(k.key_id for k in self.same_origin_keys(info))
        return KeyCandidate(info, fingerprint(info.public_key), known.state if known else "new",
                            rotation_of=rotation)

    def note_pending(self, info: KeyInfo) -> Done[None]:
        """List the key as waiting for confirmation (a key already known keeps its state)."""
        with _in_words():
            key_service.note_pending(self.engine, info)
        return Done(None, _audit(info.key_id))

    def trust(self, info: KeyInfo) -> Done[KeyInfo]:
        """Trust the key (the fingerprint was compared); supervisors and administrators only; audited."""
        with _in_words():
            trusted = key_service.trust(self.engine, info, actor=self.actor)
        return Done(trusted, _audit(trusted.key_id))

    def revoke(self, key_id: str, reason: str = "") -> Done[KeyInfo]:
        """Revoke the key: bundles signed with it are refused from now on; audited."""
        with _in_words():
            revoked = key_service.revoke(self.engine, key_id, actor=self.actor, reason=reason)
        return Done(revoked, _audit(revoked.key_id))

    def export_own(self, path: str | os.PathLike, replace: bool = False) -> Path:
        """Write this installation's public key file (for the other side's supervisor); the path written.
        An existing file is replaced only with `replace` (the person said so)."""
        with _in_words():
            return key_service.export_key_file(self.engine, path, force=replace)


@contextmanager
def _in_words() -> Iterator[None]:
    """The service's key errors as KeyNotUsable (their words kept, the original chained for the log)."""
    try:
        yield
    except (key_service.KeyProblem, key_service.ExchangeNotReady) as exc:
        raise KeyNotUsable(str(exc)) from exc
