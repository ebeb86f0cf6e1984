"""Intake's rules, pure: what makes a concern acceptable, and how it moves once the welfare
group takes it up. Nothing here reads or writes anything, so every rule is testable alone."""

from services.intake.domain.concern import Concern, ConcernRejected, ConcernStatus
from services.intake.domain.requests import (
    NotTheirs,
    guardian_request,
    other_contact,
    student_request,
)
from services.intake.domain.summary import ConcernSummary

__all__ = [
    "Concern",
    "ConcernRejected",
    "ConcernStatus",
    "ConcernSummary",
    "NotTheirs",
    "guardian_request",
    "other_contact",
    "student_request",
]
