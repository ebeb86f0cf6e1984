"""The development issuer signs each seeded person in as the identity provider would."""

from __future__ import annotations

import pytest

from deploy.issuer import claims_from_seed
from shared.contracts import Role
from tests.support.directory import DEMO


def test_a_seeded_student_is_signed_in_at_the_school_the_register_enrols_them_at() -> None:
    assert claims_from_seed(DEMO, "student-0001") == (
        Role.STUDENT,
        {"school_ids": ["kallio-school"]},
    )


def test_staff_and_guardians_keep_their_schools_and_children() -> None:
    assert claims_from_seed(DEMO, "teacher-tuomas") == (
        Role.TEACHER,
        {"school_ids": ["toolo-school"]},
    )
    role, claims = claims_from_seed(DEMO, "guardian-0001")
    assert (role, claims["student_refs"]) == (Role.GUARDIAN, ["student-0001"])


def test_someone_the_directory_does_not_know_is_not_signed_in() -> None:
    with pytest.raises(SystemExit, match="not in"):
        claims_from_seed(DEMO, "stranger-0001")
