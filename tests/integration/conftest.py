"""Fixtures shared by the exchange's integration tests (the rest come from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.exchange_world import make_centre, make_post, trust_both


@pytest.fixture
def pair(tmp_path: Path, db_url: str):
    """A post (its own SQLite file) and a centre (SQLite or PostgreSQL) that trust each other's keys."""
    post = make_post(tmp_path, "KZ-KOR")
    centre = make_centre(tmp_path, url=db_url)
    trust_both(post, centre)
    yield post, centre
    post.dispose()
    centre.dispose()
