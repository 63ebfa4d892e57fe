"""How much attention a post needs: its operational status and how long it has been silent.

Plain rules, no database: the post status panel and the map colour and order posts by them, and the
tests check them without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from sitcentre.domain.enums import PostStatus


class ReportLevel(StrEnum):
    """How late the last report is: amber after `amber_hours` without one, red after `red_hours` (or never)."""

    OK = "ok"
    AMBER = "amber"
    RED = "red"


class Attention(IntEnum):
    """The worse of status and report lateness: offline or red is critical, limited or amber a warning."""

    OK = 0
    WARNING = 1
    CRITICAL = 2


STATUS_ATTENTION = {PostStatus.OPERATIONAL: Attention.OK, PostStatus.LIMITED: Attention.WARNING,
                    PostStatus.OFFLINE: Attention.CRITICAL}
REPORT_ATTENTION = {ReportLevel.OK: Attention.OK, ReportLevel.AMBER: Attention.WARNING,
                    ReportLevel.RED: Attention.CRITICAL}


@dataclass(frozen=True)
class ReportThresholds:
    amber_hours: float
    red_hours: float

    def __post_init__(self) -> None:
        if not 0 < self.amber_hours <= self.red_hours:
            raise ValueError("report thresholds: need 0 < amber hours <= red hours")

    @classmethod
    def from_settings(cls, settings) -> ReportThresholds:
        return cls(settings.report_amber_hours, settings.report_red_hours)

    def level(self, last_report_at: datetime | None, now: datetime) -> ReportLevel:
        """A post that never reported is red: nothing says it is working."""
        if last_report_at is None:
            return ReportLevel.RED
        hours = (now - last_report_at).total_seconds() / 3600
        if hours >= self.red_hours:
            return ReportLevel.RED
        if hours >= self.amber_hours:
            return ReportLevel.AMBER
        return ReportLevel.OK


def attention(status: PostStatus, report: ReportLevel) -> Attention:
    return max(STATUS_ATTENTION[PostStatus(status)], REPORT_ATTENTION[report])
