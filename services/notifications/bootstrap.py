"""Wires notifications together: directory, inbox, deliveries, channels, dispatcher, digest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from services.notifications.adapters.case_states import CaseStates
from services.notifications.adapters.channels import ChannelAdapter
from services.notifications.adapters.deliveries import Deliveries
from services.notifications.adapters.directory import Directory
from services.notifications.adapters.email import SmtpChannel
from services.notifications.adapters.inbox import Inbox
from services.notifications.adapters.sms import HttpSmsChannel
from services.notifications.domain.recipients import Channel
from services.notifications.handlers.deadlines import (
    on_deadline_approaching,
    on_deadline_breached,
    on_follow_up_due,
)
from services.notifications.handlers.digest import DigestSender
from services.notifications.handlers.dispatch import Dispatcher
from services.notifications.handlers.erasure import on_case_purged
from services.notifications.handlers.events import on_case_opened, on_concern_linked
from services.notifications.handlers.http import notification_routes
from services.notifications.handlers.notify import Notifier
from services.notifications.handlers.steps import on_step_recorded
from services.notifications.settings import SERVICE, NotificationsSettings
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    CasePurgedV1,
    CaseStepRecordedV1,
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    EventEnvelope,
    FollowUpDueV1,
)
from shared.http import create_app
from shared.pump import Pump
from shared.runtime import ServiceRuntime
from shared.security import require_policy_for_every_route
from shared.topics import CASES, NOTIFICATIONS
from shared.unit_of_work import UnitOfWork

__all__ = ["build"]


def build(settings: NotificationsSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or NotificationsSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    notifier = Notifier(
        directory=Directory(runtime.store),
        inbox=Inbox(runtime.store),
        deliveries=Deliveries(runtime.store),
        case_states=CaseStates(runtime.store),
        app_base_url=settings.app_base_url,
        timezone=ZoneInfo(settings.school_timezone),
        digest_at=time.fromisoformat(settings.digest_time),
        concern_round=timedelta(seconds=settings.concern_round_s),
    )
    for repository in (notifier.directory, notifier.inbox, notifier.deliveries):
        runtime.on_startup(repository.ensure_indexes)
    handlers: dict[type[EventEnvelope], Callable[[Any, UnitOfWork, Notifier], Awaitable[None]]]
    handlers = {
        CaseOpenedV1: on_case_opened,
        CaseConcernLinkedV1: on_concern_linked,
        CaseStepRecordedV1: on_step_recorded,
        DeadlineApproachingV1: on_deadline_approaching,
        DeadlineBreachedV1: on_deadline_breached,
        FollowUpDueV1: on_follow_up_due,
        CasePurgedV1: on_case_purged,
    }

    def with_notifier(handler: Callable[[Any, UnitOfWork, Notifier], Awaitable[None]]) -> Any:
        async def handle(event: Any, unit: UnitOfWork) -> None:
            await handler(event, unit, notifier)

        return handle

    runtime.consume(
        CASES, {kind: with_notifier(h) for kind, h in handlers.items()}, runtime.transact
    )
    runtime.publishes(NOTIFICATIONS)

    channels: dict[Channel, ChannelAdapter] = {
        Channel.EMAIL: SmtpChannel(settings),
        Channel.SMS: HttpSmsChannel(settings),
    }
    dispatcher = Dispatcher(
        notifier=notifier,
        channels=channels,
        transact=runtime.transact,
        max_attempts=settings.delivery_max_attempts,
        backoff_s=settings.delivery_retry_backoff_s,
    )
    dispatch = Pump(
        "delivery-dispatcher",
        dispatcher.dispatch_next,
        interval_s=settings.dispatch_poll_interval_s,
    )
    runtime.outbox.on_commit(dispatch.wake)
    runtime.run_pump(dispatch)
    digest = DigestSender(notifier=notifier, channels=channels, transact=runtime.transact)
    runtime.run_pump(
        Pump("daily-digest", digest.send_next, interval_s=settings.digest_poll_interval_s)
    )

    app = create_app(
        runtime,
        title="Notifications",
        description="In-app inbox, email delivery and delivery receipts.",
    )
    app.include_router(notification_routes(notifier.inbox, notifier.deliveries, runtime.gate))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
