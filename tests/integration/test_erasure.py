"""Retention and crypto-shredding against the real broker and database: a closed case past
its retention is erased in every service, and what was sealed with its key, copied anywhere
before (a backup), can no longer be opened."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from uuid import UUID

import httpx
import pytest

from deploy.keys import rotate
from services.welfare_group.adapters.cases import CaseRepository
from services.welfare_group.adapters.unit_of_work import MongoWelfareUnit
from services.welfare_group.settings import WelfareGroupSettings
from services.welfare_group.workers.retention import Retention
from shared.contracts import CasePurgedV1, utc_now
from shared.sealing import DataKeys, KeyRing, Unreadable
from shared.storage import Collection, Store
from shared.topics import CASES
from tests.factories import raise_concern_request
from tests.support.identity import bearer
from tests.support.in_process import running_services
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

NARRATIVE = "Erasure-canary: sleeps in the stairwell"


async def test_an_expired_case_is_erased_everywhere_and_its_sealed_copies_stay_shut(
    ns: Namespace, smtp: SmtpServer
) -> None:
    async with running_services(ns, smtp) as services:
        (intake_app, intake), (wg_app, welfare_group) = (
            services["intake"],
            services["welfare_group"],
        )
        notifications = services["notifications"][1]
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=intake_app), base_url="http://intake"
        ) as client:
            raised = await client.post(
                "/concerns",
                json=raise_concern_request(description=NARRATIVE),
                headers=bearer("teacher-tiina"),
            )
        concern_id = raised.json()["concern_id"]
        psychologist = bearer("psychologist-elias")
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=wg_app), base_url="http://wg", headers=psychologist
        ) as client:
            mine = "/staff/psychologist-elias/cases"
            (case,) = await eventually(lambda: _json(client, mine))
            case_id = case["case_id"]
            closed = await client.post(f"/cases/{case_id}/closure", json={"reason": "resolved"})
            assert closed.status_code == 201
        inbox = notifications.store.collection("inbox")
        await eventually(lambda: inbox.count_documents({"case_id": case_id}))

        # A backup taken before the erasure: the sealed record entries, as stored.
        entries = welfare_group.store.collection("record_entries")
        backup = await entries.find({"case_id": case_id}).to_list(None)
        assert backup
        assert all(NARRATIVE.encode() not in bytes(e["content"]) for e in backup)

        keys = welfare_group.data_keys()
        retention = Retention(
            CaseRepository(welfare_group.store, keys),
            welfare_group.transactor(lambda s: MongoWelfareUnit(s, welfare_group.store, keys)),
            keep_closed=timedelta(days=30),
            now=lambda: utc_now() + timedelta(days=31),
        )
        assert await retention.purge_expired() is False  # one case, less than a batch
        assert await retention.purge_expired() is False  # and nothing left to do

        with pytest.raises(Unreadable):
            await keys.sealer(case_id)  # so no copy of the record opens again
        for register in ("welfare", "health_care", "social_care"):  # nor any register's
            with pytest.raises(Unreadable):
                await keys.sealer(f"{register}:{case_id}")
        assert await welfare_group.store.collection("cases").count_documents({}) == 0
        assert await entries.count_documents({}) == 0
        assert await welfare_group.store.collection("timers").count_documents({}) == 0

        async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
            await reader.read_until(3)  # opened, step recorded, purged
        (purged,) = [e for e in reader.events() if isinstance(e, CasePurgedV1)]
        assert purged.data.case_id == UUID(case_id)
        assert purged.data.concern_ids == [UUID(concern_id)]

        concerns = intake.store.collection("concerns")
        await eventually(lambda: _gone(concerns, concern_id))
        with pytest.raises(Unreadable):
            await intake.data_keys().sealer(concern_id)
        await eventually(lambda: _none_left(inbox, case_id))
        deliveries = notifications.store.collection("deliveries")
        assert await deliveries.count_documents({"case_id": case_id}) == 0


async def _json(client: httpx.AsyncClient, path: str) -> object:
    return (await client.get(path)).json()


async def _gone(collection: Collection, concern_id: str) -> bool:
    return await collection.find_one({"_id": concern_id}) is None


async def _none_left(collection: Collection, case_id: str) -> bool:
    return bool(await collection.count_documents({"case_id": case_id}) == 0)


async def test_rotating_the_kek_rewraps_every_data_key_and_retires_the_old_one(
    ns: Namespace,
) -> None:
    old, new = f"old:{KeyRing.new_kek()}", f"new:{KeyRing.new_kek()}"
    settings = ns.settings(WelfareGroupSettings, "welfare_group", data_keks=old)
    store = Store.from_settings(settings)
    try:
        keys, sealed = DataKeys(store, KeyRing.parse(old)), {}
        for owner in ("case-1", "case-2", "case-3"):
            sealer = await store.in_transaction(partial(keys.create, owner))
            sealed[owner] = sealer.seal({"views": f"{owner} in confidence"})

        rotated = ns.settings(WelfareGroupSettings, "welfare_group", data_keks=f"{new},{old}")
        assert await rotate(rotated) == 3
        assert await rotate(rotated) == 0  # nothing left under the old KEK

        only_new = DataKeys(store, KeyRing.parse(new))
        for owner, blob in sealed.items():
            assert (await only_new.sealer(owner)).open(blob) == {"views": f"{owner} in confidence"}
        with pytest.raises(Unreadable):
            await DataKeys(store, KeyRing.parse(old)).sealer("case-1")
    finally:
        store.close()
