"""The posts noun: the board of post cards, one post's detail, and a change of a post's status (no Qt)."""

from __future__ import annotations

from datetime import datetime

from sitcentre.backend.noun import Noun
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.post_status import ReportThresholds
from sitcentre.domain.posts import PostBoard, PostDetail, StatusChange
from sitcentre.services.posts import change_status, load_post_board, load_post_detail


class Posts(Noun):
    @property
    def thresholds(self) -> ReportThresholds:
        """Amber and red report lateness, from the settings built at start-up."""
        return ReportThresholds.from_settings(self.settings)

    def board(self, now: datetime | None = None) -> PostBoard:
        """Every post's card in attention order (grouping is PostBoard.groups, on the loaded board)."""
        return load_post_board(self.engine, self.thresholds, now)

    def detail(self, post_id: int, now: datetime | None = None, recent: int = 25) -> PostDetail | None:
        """The post's record, status history, newest incidents and alert response times; None if it is gone."""
        return load_post_detail(self.engine, post_id, self.thresholds, now, recent)

    def set_status(self, post_id: int, status: PostStatus | str, reason: str,
                   now: datetime | None = None) -> Done[StatusChange]:
        """Supervisors only (a refusal is audited); the change goes into the post's history and the audit."""
        change = change_status(self.engine, post_id, status, reason, now=now, actor=self.actor,
                               settings=self.settings)
        return Done(change, Changes.of(Topic.POSTS, post_id))
