"""Database layer: engine settings, ORM tables, unit of work, migrate-on-start."""
