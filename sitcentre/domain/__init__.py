"""Plain domain objects: enums, records, conversion and validation. No Qt, no SQLAlchemy."""
