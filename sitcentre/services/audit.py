"""The audit trail, in three parts (issue 11, item 4), named together here for their callers:

- sitcentre.services.audit_chain: the hash chain (`hash = sha256(prev_hash + canonical JSON of the row)`),
  checking it (`check_chain`, `verify_chain`) and its head (`chain_head`);
- sitcentre.services.audit_writing: `append()` in the transaction of the change it records, `append_now()`
  in one of its own, the chain's lock, and the actions (`AuditAction`);
- sitcentre.services.audit_reading: the audit view's queries (`AuditService`, `entries`, `history`).

The rows themselves go through sitcentre.repositories.audit; the value types are in sitcentre.domain.audit.
"""

from __future__ import annotations

from sitcentre.domain.audit import AuditEntry, AuditFilter, ChainCheck
from sitcentre.services.audit_chain import (
    GENESIS,
    HASHED_FIELDS,
    PG_CHAIN_LOCK,
    canonical_time,
    chain_hash,
    chain_head,
    check_chain,
    to_json,
    verify_chain,
)
from sitcentre.services.audit_reading import AuditService, entries, history, iter_all
from sitcentre.services.audit_writing import AuditAction, append, append_now, lock_chain

__all__ = ["GENESIS", "HASHED_FIELDS", "PG_CHAIN_LOCK", "AuditAction", "AuditEntry", "AuditFilter", "AuditService",
           "ChainCheck", "append", "append_now", "canonical_time", "chain_hash", "chain_head", "check_chain",
           "entries", "history", "iter_all", "lock_chain", "to_json", "verify_chain"]
