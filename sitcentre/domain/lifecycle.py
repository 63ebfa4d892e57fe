"""The incident lifecycle: draft -> reported -> verified or rejected, plus duplicate (linked to another).

Operators move an incident between draft and reported by saving it. Only the review actions
(services.verification: verify, reject, reopen; services.duplicates: link, unlink) set the other
statuses, so a saved form can never verify an incident by itself.

An edit of a verified or rejected incident by someone who could not have verified it sends it back to
"reported": the supervisor's verdict was on the old content. A supervisor's own correction keeps it.
"""

from __future__ import annotations

from sitcentre.domain.enums import IncidentStatus as St
from sitcentre.domain.validation import Problem, ValidationError

EDITABLE = (St.DRAFT, St.REPORTED)  # what saving the form may set
REVIEWED = (St.VERIFIED, St.REJECTED)
CAN_VERIFY_FROM = (St.REPORTED, St.REJECTED)  # a supervisor may change their mind about a rejection
CAN_REJECT_FROM = (St.REPORTED, St.VERIFIED)
CAN_REOPEN_FROM = (St.VERIFIED, St.REJECTED)


def status_problem(message: str) -> ValidationError:
    return ValidationError([Problem("status", message)])


def status_for_new(requested: St) -> St:
    """A new incident is saved as a draft or as reported; review comes after."""
    requested = St(requested)
    if requested not in EDITABLE:
        raise status_problem("A new incident is saved as draft or reported; a supervisor verifies or rejects it "
                             "afterwards.")
    return requested


def status_after_edit(before: St, requested: St, can_verify: bool) -> St:
    """The status an edit leaves, or ValidationError when the edit asks for a change only a review makes."""
    before, requested = St(before), St(requested)
    if before in EDITABLE:
        if requested in EDITABLE:
            return requested
        raise status_problem("Saving cannot verify, reject or link an incident: a supervisor uses Verify, "
                             "Reject or Link duplicate.")
    if requested != before:
        if before == St.DUPLICATE:
            raise status_problem("This incident is linked as a duplicate: a supervisor unlinks it first.")
        raise status_problem("This incident was reviewed: a supervisor reopens it before its status changes.")
    if before in REVIEWED and not can_verify:
        return St.REPORTED
    return before


def check_review(before: St, allowed_from: tuple[St, ...], verb: str) -> None:
    before = St(before)
    if before in allowed_from:
        return
    reasons = {
        St.DRAFT: "it is still a draft (it has not been reported)",
        St.DUPLICATE: "it is linked as a duplicate (unlink it first)",
        St.VERIFIED: "it is already verified",
        St.REJECTED: "it is already rejected",
        St.REPORTED: "it is reported and not yet reviewed",
    }
    raise status_problem(f"This incident cannot be {verb}: {reasons[before]}.")
