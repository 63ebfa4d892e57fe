"""Progress of long work (an import, an export, a sync round) and how a person stops it.

A long service call takes `progress: Progress | None`. It calls `progress(stage, done, total)` now and then
(`total` 0 when unknown; `stage` a short word such as "reading", "applying", "writing", "sending"). The
callback may raise `Cancelled` to stop the work: the service then ends its transaction without committing,
so a cancelled import changes nothing and a cancelled export leaves no file. The UI's job runner makes such
a callback from its Cancel button; the CLI passes none.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]


class Cancelled(Exception):
    """The person asked to stop; nothing was kept."""

    def __init__(self, message: str = "Stopped: nothing was changed."):
        super().__init__(message)


def report(progress: Progress | None, stage: str, done: int, total: int = 0) -> None:
    """Tell `progress` how far the work is (and let it raise Cancelled); nothing when there is none."""
    if progress is not None:
        progress(stage, done, total)
