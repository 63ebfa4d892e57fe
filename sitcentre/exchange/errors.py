"""What can go wrong in the exchange, in words a person understands (the CLI prints them; the app will show them)."""

from __future__ import annotations


class BundleRejected(Exception):
    """The whole bundle is refused before anything is written. `code` is stable (tests, logs, the app);
    `message` is for a person. For an unknown key, `public_key` and `origin` say whose it claims to be."""

    def __init__(self, code: str, message: str, *, public_key: str | None = None, origin: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.public_key = public_key
        self.origin = origin


class Equivocation(BundleRejected):
    """The same (origin, epoch, audience, seq) arrived with other content: a forked feed. Security alert."""

    def __init__(self, message: str):
        super().__init__("equivocation", message)


class EntryError(Exception):
    """One entry cannot be applied (an unknown post or substance, a rule the row breaks); it is kept with this
    reason and the rest of the bundle goes on."""
