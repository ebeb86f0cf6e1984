"""A long text goes to the name check in overlapping pieces: every name in it is whole in
at least one piece, and nothing of the text is left out."""

from __future__ import annotations

import itertools
import random
import re

from services.communal.adapters.name_check import pieces


def spans(text: str) -> list[tuple[int, int]]:
    return list(pieces(text))


def test_every_name_of_a_long_text_is_whole_in_some_piece_and_nothing_is_left_out() -> None:
    rng = random.Random(7)
    vocabulary = ["oppilaat", "koulu", "Virtasen", "välitunti", "äänestys", "x" * 40]
    text = " ".join(rng.choice(vocabulary) for _ in range(30_000))
    covered = spans(text)
    assert len(covered) > 20
    assert all(end - start <= 6_000 for start, end in covered)
    for name in re.finditer("Virtasen", text):
        assert any(s <= name.start() and name.end() <= e for s, e in covered), name.start()
    assert covered[0][0] == 0
    assert covered[-1][1] == len(text)
    assert all(nxt[0] < prev[1] for prev, nxt in itertools.pairwise(covered))


def test_a_text_without_spaces_is_cut_anyway_with_the_overlap() -> None:
    covered = spans("a" * 20_000)
    assert covered[-1][1] == 20_000
    assert all(nxt[0] < prev[1] for prev, nxt in itertools.pairwise(covered))


def test_a_short_text_is_one_piece() -> None:
    assert list(pieces("Kiusaamisen vastainen viikko")) == [(0, 28)]
