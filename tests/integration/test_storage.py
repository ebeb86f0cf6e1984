"""The storage adapter against the real database: indexes follow the code when it changes."""

from __future__ import annotations

import pytest

from shared.storage import DuplicateKeyError, Index, Store
from tests.support.infra import Namespace


async def test_an_index_whose_options_changed_is_rebuilt_with_the_new_ones(ns: Namespace) -> None:
    store = Store(ns.infra.mongo_uri, ns.database("probe"))
    try:
        await store.ensure_indexes("things", [Index([("at", 1)], expire_after_seconds=60)])
        await store.ensure_indexes(
            "things",
            [
                Index([("at", 1)], expire_after_seconds=3600),  # a retention setting changed
                Index([("open_for", 1)], unique=True, sparse=True),
            ],
        )
        info = await store.collection("things").index_information()
        assert info["at_1"]["expireAfterSeconds"] == 3600

        things = store.collection("things")
        await things.insert_many([{"closed": 1}, {"closed": 2}, {"open_for": "student-1"}])
        with pytest.raises(DuplicateKeyError):
            await things.insert_one({"open_for": "student-1"})
    finally:
        await store.drop()
        store.close()
