"""The exchange between installations (issue 12), its parts that need no database: canonical JSON and
revision ids (canonical.py), Ed25519 keys and signatures (signing.py), the bundle file (bundle.py), the
three-way comparison of record versions (merge.py). The database side is in sitcentre.repositories
(revisions, feed, exchange_state, keys) and sitcentre.services (keys, exchange_export, exchange_import,
conflicts); docs/exchange.md describes the whole."""
