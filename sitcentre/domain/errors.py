"""Errors of the domain that every layer may catch, with messages for the operator."""

from __future__ import annotations

from sitcentre.domain.records import Incident


class ConflictError(Exception):
    """Someone saved the incident since it was loaded. Carries both versions for the operator."""

    def __init__(self, mine: Incident, theirs: Incident | None):
        who = "deleted" if theirs is None else f"changed (now version {theirs.version})"
        super().__init__(f"The incident was {who} by someone else after you opened it (you edited version "
                         f"{mine.version}).")
        self.mine = mine
        self.theirs = theirs
