"""Schemathesis over every operation of each service's own OpenAPI document: no request,
however odd, gets a server error, and every 2xx answer matches the documented schema.

Each service runs in-process against the real broker and database, served by uvicorn on
the test's event loop; the fuzzer runs in a worker thread and calls it over HTTP. The
callers hold real tokens and there is real data to reach (a concern, a case with a
consented expert group and a meeting, a notification in an inbox): each caller is fuzzed
with the path parameters that lead to their own data as well as with random ones, which
mostly get 403, 404 or 422. Positive and negative (schema-violating) requests both.
Generation is derandomized: every run sends the same requests, but for the ids.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.seed import seed
from services.welfare_group.settings import WelfareGroupSettings
from shared.security import Role
from shared.topics import CASES, CONCERNS
from tests.factories import (
    CONSENTED_GROUP_STEPS,
    GROUP_MEMBERS,
    case_opened,
    concern_raised,
    moment_ahead,
    raise_concern_request,
)
from tests.support.directory import DEMO, seed_directory
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.notifications import running_notifications
from tests.support.served import served
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

# Hypothesis warns when the global `random` state moves while it generates; here the
# services' Kafka and MongoDB clients use `random` on the event loop's thread meanwhile.
pytestmark = pytest.mark.filterwarnings("ignore:Do not use the `random` module inside strategies")

EXAMPLES_PER_OPERATION = 25
STUDENT, SCHOOL = "student-0001", "kallio-school"
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


@dataclass(frozen=True)
class Caller:
    """A token, and the path parameters that lead to this caller's own data."""

    subject: str
    headers: dict[str, str]
    known: dict[str, str] = field(default_factory=dict)


def seeded(subject: str, **known: str) -> Caller:
    """A person from the demo directory; their own inbox and caseload are theirs to reach."""
    return Caller(subject, bearer(subject), {"staff_id": subject, "person_id": subject, **known})


def admin(**known: str) -> Caller:
    return Caller("admin-1", bearer("admin-1", Role.ADMINISTRATOR), {"school_id": SCHOOL, **known})


def conforms_when_successful(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """The documented response schema, for 2xx answers. (Refusals carry the services' own
    error bodies, which FastAPI's generated document does not describe.)"""
    if 200 <= response.status_code < 300:
        return response_schema_conformance(ctx, response, case)
    return None


CHECKS: list[schemathesis.CheckFunction] = [not_a_server_error, conforms_when_successful]


def examples(
    operation: schemathesis.APIOperation[Any, Any, Any, Any], callers: list[Caller]
) -> Iterator[st.SearchStrategy[Any]]:
    """(caller, case) pairs: each caller with the ids that reach their data, and the first
    caller, who gets furthest, with random ids too."""
    names = {parameter.name for parameter in operation.path_parameters}
    for mode in MODES:
        for caller in callers:
            known = {name: value for name, value in caller.known.items() if name in names}
            cases = operation.as_strategy(generation_mode=mode, path_parameters=known)
            yield st.tuples(st.just(caller), cases)
        yield st.tuples(st.just(callers[0]), operation.as_strategy(generation_mode=mode))


def fuzz(app: FastAPI, base_url: str, callers: list[Caller]) -> list[str]:
    """Every operation of the app's document; a report for each one that failed a check."""
    schema = schemathesis.openapi.from_dict(app.openapi())
    session = requests.Session()
    session.trust_env = False  # straight to the in-process server, whatever proxy is set
    failures: list[str] = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            failures.append(f"An operation the fuzzer cannot read: {result.err()}")
            continue
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(example=st.one_of(*examples(operation, callers)))
        def run(example: tuple[Caller, schemathesis.Case[Any]]) -> None:
            caller, case = example
            headers = dict(caller.headers)  # a copy: the transport adds its own to it
            case.call_and_validate(
                base_url=base_url, session=session, headers=headers, checks=CHECKS, timeout=10
            )

        try:
            run()
        except (Exception, FailureGroup) as failed:  # FailureGroup: a BaseExceptionGroup
            failures.append(f"{operation.label}: {failed}")
    session.close()
    return failures


async def assert_no_failures(app: FastAPI, callers: list[Caller]) -> None:
    async with served(app) as base_url:
        failures = await asyncio.to_thread(fuzz, app, base_url, callers)
    assert not failures, "\n\n".join(failures)


def client(app: FastAPI, caller: Caller) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://test", headers=caller.headers)


async def test_intake_answers_no_request_with_a_server_error(ns: Namespace) -> None:
    # A limit far above what the fuzzer sends: a 429 would keep it from the domain.
    settings_ = ns.settings(IntakeSettings, "intake", concern_rate_limit="100000/minute")
    await seed_directory(ns, "intake")
    app, runtime = build_intake(settings_)
    async with runtime.lifespan():
        async with client(app, seeded("teacher-tiina")) as http:
            raised = await http.post("/concerns", json=raise_concern_request())
            assert raised.status_code == 201, raised.text
        concern_id = raised.json()["concern_id"]
        await assert_no_failures(
            app,
            [
                seeded("teacher-tiina", concern_id=concern_id, student_ref=STUDENT),
                seeded("guardian-0001", student_ref=STUDENT),
                admin(student_ref=STUDENT),
            ],
        )


CONSENTED_GROUP_MEETS = [
    *CONSENTED_GROUP_STEPS,
    ("meetings", {"on": moment_ahead(1), "attendees": GROUP_MEMBERS}),
]


async def test_welfare_group_answers_no_request_with_a_server_error(ns: Namespace) -> None:
    settings_ = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed(DEMO, settings_)
    app, runtime = build_welfare_group(settings_)
    async with runtime.lifespan():
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised())
        async with client(app, seeded("psychologist-elias")) as http:

            async def opened() -> list[dict[str, Any]]:
                return list((await http.get("/staff/psychologist-elias/cases")).json())

            (case,) = await eventually(opened)
            case_id = case["case_id"]
            for step, body in CONSENTED_GROUP_MEETS:
                taken = await http.post(f"/cases/{case_id}/{step}", json=body)
                assert taken.status_code == 201, taken.text
            record = (await http.get(f"/cases/{case_id}/record")).json()
        reach = {
            "case_id": case_id,
            "student_ref": STUDENT,
            "meeting_id": record[-1]["content"]["meeting_id"],
            "entry_id": record[-1]["entry_id"],
        }
        await assert_no_failures(
            app,
            [
                seeded("psychologist-elias", **reach),
                seeded("nurse-aino", **reach),
                seeded("guardian-0001", **reach),
                seeded("principal-paula", school_id=SCHOOL),
                admin(**reach),
            ],
        )


async def test_notifications_answers_no_request_with_a_server_error(
    ns: Namespace, smtp: SmtpServer
) -> None:
    async with running_notifications(ns, smtp) as (app, runtime):
        event = case_opened()
        await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), event)
        inbox = runtime.store.collection("inbox")
        item = await eventually(lambda: inbox.find_one({"person_id": "psychologist-elias"}))
        await assert_no_failures(
            app,
            [
                seeded("psychologist-elias", notification_id=str(item["_id"])),
                seeded("guardian-0001"),
                admin(case_id=str(event.data.case_id)),
            ],
        )
