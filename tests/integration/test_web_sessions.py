"""The web app's sessions in the real database: hashed ids, idle and absolute expiry, the
token's expiry, the TTL index that sweeps them; and the session cookie over real HTTP."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import httpx

from services.web.adapters.sessions import SESSION_INDEXES, Lifetime, MongoSessionStore
from services.web.bootstrap import build
from services.web.settings import WebSettings
from shared.contracts import utc_now
from shared.storage import Store
from tests.support.infra import Namespace

LIFETIME = Lifetime(idle=timedelta(minutes=30), max_age=timedelta(hours=10))


async def _store(ns: Namespace, lifetime: Lifetime = LIFETIME) -> tuple[Store, MongoSessionStore]:
    store = Store(ns.infra.mongo_uri, ns.database("web"))
    sessions = MongoSessionStore(store, lifetime)
    await sessions.ensure_indexes()
    return store, sessions


async def test_a_session_is_stored_under_the_hash_of_its_id_only(ns: Namespace) -> None:
    store, sessions = await _store(ns)
    await sessions.save("the-cookie-value", {"person": {"sub": "x"}}, created_at=utc_now())
    documents = await store.collection("sessions").find({}).to_list(None)
    assert [d["_id"] for d in documents] == [hashlib.sha256(b"the-cookie-value").hexdigest()]
    assert "the-cookie-value" not in str(documents)
    loaded = await sessions.load("the-cookie-value")
    assert loaded is not None
    assert loaded[0] == {"person": {"sub": "x"}}


async def test_an_idle_session_is_gone_before_the_sweeper_comes(ns: Namespace) -> None:
    _, sessions = await _store(ns, Lifetime(idle=timedelta(0), max_age=timedelta(hours=1)))
    await sessions.save("sid", {"a": 1}, created_at=utc_now())
    assert await sessions.load("sid") is None


async def test_a_session_never_outlives_its_maximum_age_or_its_token(ns: Namespace) -> None:
    _, sessions = await _store(ns)
    await sessions.save("old", {"a": 1}, created_at=utc_now() - timedelta(hours=11))
    expired_token = {"token_expires_at": (utc_now() - timedelta(seconds=1)).timestamp()}
    await sessions.save("stale-token", expired_token, created_at=utc_now())
    await sessions.save("fresh", {"a": 1}, created_at=utc_now())
    assert await sessions.load("old") is None
    assert await sessions.load("stale-token") is None
    assert await sessions.load("fresh") is not None


async def test_the_ttl_index_is_on_the_expiry(ns: Namespace) -> None:
    store, _ = await _store(ns)
    info = await store.collection("sessions").index_information()
    expiring = [i for i in info.values() if "expireAfterSeconds" in i]
    assert [i["key"] for i in expiring] == [list(SESSION_INDEXES[0].keys)]


async def test_signing_out_deletes_the_session_from_the_database(ns: Namespace) -> None:
    store, sessions = await _store(ns)
    app, _ = build(
        WebSettings(mongodb_uri=ns.infra.mongo_uri, mongodb_database=ns.database("web")),
        sessions=sessions,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8080") as client:
        chosen = await client.get("/language/sv")
        assert chosen.status_code == 303
        assert await store.collection("sessions").count_documents({}) == 1
        await sessions.save(
            client.cookies["session"],
            {"person": {"sub": "teacher-tiina", "role": "teacher"}, "csrf": "t"},
            created_at=utc_now(),
        )
        out = await client.post("/auth/logout", data={"csrf_token": "t"})
    assert out.status_code == 303
    assert await store.collection("sessions").count_documents({}) == 0
