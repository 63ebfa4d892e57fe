"""The role x action matrix the issues agreed, written out by hand for the permission tests."""

from __future__ import annotations

# Who may do what, written out by hand (not read from PERMISSIONS): a change to the table that lets a role do
# more or less than this, such as operators deleting incidents, fails here. Change it only with the issue's
# division of work.
OP, SUP, ADM = "operator", "supervisor", "admin"
EXPECTED_MATRIX = {
    "incident.create": {OP, SUP},
    "incident.edit": {OP, SUP},
    "incident.delete": {SUP},
    "incident.verify": {SUP},
    "incident.link_duplicate": {SUP},
    "post.set_status": {SUP},
    "post.manage": {ADM},
    "exchange.import": {OP, SUP},
    "exchange.export": {OP, SUP},
    "exchange.resolve_conflict": {SUP},
    "exchange.trust_key": {SUP, ADM},
    "alert.send": {OP, SUP},
    "alert.acknowledge": {OP, SUP},
    "report.export": {SUP},
    "user.manage": {ADM},
    "audit.view": {SUP, ADM},
    "sheet.import_incidents": {OP, SUP},
    "sheet.import_statistics": {SUP},
    "settings.manage": {ADM},
}
