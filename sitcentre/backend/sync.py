"""The online-sync noun (desk.sync): the link to the centre, its state, and one push-and-pull round
(sitcentre.services.sync_client; docs/exchange.md "Online sync (issue 13)"). The app's Tools -> Online sync...
and its background scheduler use it; `sitcentre sync` is the same round from the command line."""

from __future__ import annotations

import os

from sitcentre.backend.noun import Noun
from sitcentre.domain.changes import NOTHING, Changes, Done
from sitcentre.domain.progress import Progress
from sitcentre.repositories.links import Link
from sitcentre.services import sync_setup
from sitcentre.services.keys import ExchangeNotReady
from sitcentre.services.sync_client import SyncReport, sync_round
from sitcentre.services.sync_setup import SyncSetupError, SyncState, state_of

__all__ = ["Sync", "SyncReport", "SyncSetupError", "SyncState", "Link"]


class Sync(Noun):
    def link(self) -> Link | None:
        """The link to the centre (address, pinned certificate, state), or None when none is set."""
        return sync_setup.link(self.engine)

    def state(self) -> SyncState | None:
        """The link as a person sees it (certificate fingerprint, last attempt, failures, due_at), or None."""
        link = self.link()
        return state_of(link) if link is not None else None

    def configure(self, url: str, cert_pem_path: str | os.PathLike | None = None, enabled: bool = True) -> Done:
        """Set the centre's https address and the certificate to pin (a PEM file; None keeps the stored one).
        SyncSetupError in words; PermissionDenied for accounts that may not exchange bundles."""
        pem = sync_setup.read_certificate(cert_pem_path) if cert_pem_path else None
        link = sync_setup.configure(self.engine, self.settings, actor=self.actor, url=url, cert_pem=pem,
                                    enabled=enabled)
        return Done(state_of(link), NOTHING)

    def round(self, progress: Progress | None = None) -> Done:
        """Push what is pending, pull what waits, record the state: Done(SyncReport). Something imported
        changes everything a panel may show (Changes.all())."""
        try:
            result = sync_round(self.engine, self.settings, actor=self.actor, progress=progress)
        except ExchangeNotReady as exc:  # no signing key yet: words for the person, as the setup's refusals
            raise SyncSetupError(str(exc)) from exc
        return Done(result, Changes.all() if result.received is not None and not result.received.already
                    else NOTHING)
