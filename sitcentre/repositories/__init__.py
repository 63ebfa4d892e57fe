"""Repositories: one per aggregate or panel. They return frozen dataclasses, never live ORM objects."""
