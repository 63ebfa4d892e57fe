"""What the incident form and its dialogs choose from: posts, substances and countries, as plain frozen records.

Loaded once on the DB worker through the desk (`desk.reference.load()`, sitcentre.backend.reference); the
form never queries the database itself (design rule 4).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitcentre.domain.records import Country, Post, Substance


@dataclass(frozen=True)
class ReferenceData:
    """Posts, substances and (optionally) countries."""

    posts: tuple[Post, ...]
    substances: tuple[Substance, ...]
    countries: tuple[Country, ...] = ()

    def post(self, post_id: int | None) -> Post | None:
        return next((p for p in self.posts if p.id == post_id), None)

    def substance(self, substance_id: int | None) -> Substance | None:
        return next((s for s in self.substances if s.id == substance_id), None)

    @property
    def substances_by_id(self) -> dict[int, Substance]:
        return {s.id: s for s in self.substances}
