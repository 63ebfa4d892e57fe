"""Use cases: record and edit incidents, seed demo data, database checks. No Qt."""
