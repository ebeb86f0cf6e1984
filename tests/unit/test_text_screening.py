"""The screen that keeps a student's name out of communal welfare's texts: full names, a
family name in its Finnish inflected forms, student references and identity codes found;
ordinary words, staff words and the students of other schools not."""

from __future__ import annotations

from datetime import date

import pytest

from services.welfare_group.domain.students import StudentIdentity
from services.welfare_group.domain.text_screening import Mention, StudentScreen

NAME, REF, CODE = Mention.STUDENT_NAME, Mention.STUDENT_REF, Mention.IDENTITY_CODE


def student(ref: str, given: str, family: str) -> StudentIdentity:
    return StudentIdentity(
        student_ref=ref, given_names=given, family_name=family, identity_code="150312A9018",
        home_municipality="Demokunta", date_of_birth=date(2012, 3, 15), school_id="kallio-school",
    )  # fmt: skip


SCREEN = StudentScreen(
    [
        student("student-0001", "Testi", "Oppilas-Yksi"),
        student("student-0002", "Demo", "Student-Two"),
        student("pupil-k17", "Matti Juhani", "Virtanen"),
        student("pupil-k18", "Aino", "Lehto"),
        student("pupil-k19", "Iida", "Kivi"),
        student("pupil-k20", "Onni", "Aho"),
        student("pupil-k21", "Ella", "Laine"),
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "Keskustelimme Matti Virtasen kanssa.",  # the full name, the family name inflected
        "Virtanen Matti oli poissa",  # family name first
        "Juhani Virtanen",  # any of the given names
        "Virtasen vanhemmat soittivat",  # the family name alone: genitive
        "soitin Virtaselle eilen",  # allative
        "emme tavoittaneet Virtasta",  # partitive
        "virtasellekin kerrottiin",  # lower case, with a clitic
        "VIRTANEN",
        "Testi Oppilas-Yksi",
        "puhuimme Oppilas-Yksin kanssa",
        "Oppilas-Yhden huoltaja",  # the irregular stem of a double-barrelled name
        "Student-Two:lle lähetettiin kirje",  # an ending after a colon
        "Lehdon tilanne",  # consonant gradation: Lehto → Lehdon
        "Lehdolle",
        "Iida Kiven kanssa",
        "Onni Ahon luokka",  # a short family name, inflected beside the given name
        "Aho",  # a short family name in its base form
        "Laineen asia",
        "(Virtanen)",
    ],
)
def test_a_students_name_is_found(text: str) -> None:
    assert SCREEN.mentions(text) == [NAME]


@pytest.mark.parametrize(
    "text",
    [
        "Rehtori, kuraattori, psykologi ja terveydenhoitaja kävivät läpi välituntien valvonnan.",
        "Oppilaat ja oppilaskunta osallistuivat suunnitelman laatimiseen.",
        "oppilas, oppilaan, oppilaille, oppilaiden",  # the word for pupil is no one's name
        "Student council and students' views were heard.",
        "KiVa Koulu -ohjelma jatkuu, ja kiva että vanhemmat osallistuivat.",  # not Kivi
        "Virta vei sähköt; virtaa riitti.",  # a stream, not Virtanen
        "Ahon",  # a short name inflected, alone: too often something else
        "Testi ja Demo: esimerkkejä",  # given names alone
        "Matti ja Juhani",
        "Lehti, lehdet ja lehtiö",  # not Lehto
        "Kiusaamisen vastainen suunnitelma päivitettiin.",
        "",
    ],
)
def test_ordinary_and_staff_words_are_no_name(text: str) -> None:
    assert SCREEN.mentions(text) == []


def test_a_student_of_another_school_is_not_this_schools_to_find() -> None:
    assert StudentScreen([]).mentions("Matti Virtasen kanssa") == []


@pytest.mark.parametrize(
    "text",
    [
        "student-0001 on ryhmässä",
        "STUDENT-0002",
        "oppilas pupil-k17",
        "student-9999",
        "(student-12)",
    ],
)
def test_a_student_reference_is_found(text: str) -> None:
    assert SCREEN.mentions(text) == [REF]


@pytest.mark.parametrize("text", ["pupil-k170", "xstudent-0001", "a-student-0001-b", "student-x"])
def test_a_longer_identifier_is_no_reference(text: str) -> None:
    assert REF not in SCREEN.mentions(text)


@pytest.mark.parametrize("text", ["150312A9018", "hetu 020911-902F", "010308a9038.", "311299+123X"])
def test_an_identity_code_is_found(text: str) -> None:
    assert SCREEN.mentions(text) == [CODE]


@pytest.mark.parametrize(
    "text",
    ["123e4567-e89b-12d3-a456-426614174000", "puhelin 0401234567", "2026-11-30", "A150312A9018"],
)
def test_a_uuid_a_phone_number_or_a_date_is_no_identity_code(text: str) -> None:
    assert CODE not in SCREEN.mentions(text)


def test_the_fields_with_findings_are_told_and_the_others_left_out() -> None:
    texts = {
        "title": "Syksyn kokous",
        "agenda.0": "Matti Virtasen tilanne, student-0001",
        "minutes": "hetu 150312A9018",
    }
    assert SCREEN.screen(texts) == {"agenda.0": [NAME, REF], "minutes": [CODE]}
