"""Majority (täysi-ikäisyys) from the date of birth: the one fact about age the rules use.

From the 18th birthday a student has no guardian in welfare matters: consent and access to
the record are their own, or a court-appointed representative's (§14, §18). The date of
birth itself stays in the student register's adapter: rules, events and logs see only
whether the student is of age on a given day.
"""

from __future__ import annotations

from datetime import date

__all__ = ["MAJORITY_AGE", "of_age"]

MAJORITY_AGE = 18


def of_age(date_of_birth: date, on: date) -> bool:
    """Of age from the 18th birthday on. Born on 29 February, the birthday in a common year
    is 1 March: the 18 years are full only once 28 February has passed."""
    try:
        birthday = date_of_birth.replace(year=date_of_birth.year + MAJORITY_AGE)
    except ValueError:  # 29 February, and the 18th year is a common one
        birthday = date(date_of_birth.year + MAJORITY_AGE, 3, 1)
    return on >= birthday
