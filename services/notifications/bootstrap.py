"""Wires notifications together: the one place that knows every part, and builds each once.

The event subscribers and the pumps' transactions run in ``MongoNotificationsUnit``; the
reads and the pumps' single atomic writes use the repositories outside any transaction.
"""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from services.notifications.adapters.delivery_status import delivery_status
from services.notifications.adapters.email import SmtpChannel
from services.notifications.adapters.sms import HttpSmsChannel
from services.notifications.adapters.unit_of_work import (
    MongoNotificationsUnit,
    MongoRepositories,
)
from services.notifications.domain.recipients import Channel
from services.notifications.entrypoints.http import notification_routes
from services.notifications.entrypoints.retries import retry_routes
from services.notifications.entrypoints.subscribers import subscribers
from services.notifications.service_layer.channels import Sender
from services.notifications.service_layer.telling import Planning
from services.notifications.settings import SERVICE, NotificationsSettings
from services.notifications.workers.digest import DigestSender
from services.notifications.workers.dispatcher import Dispatcher
from shared.dead_letter_ledger.http import dead_letter_routes
from shared.http import create_app
from shared.operations.http import operations_routes
from shared.pump import Pump
from shared.runtime import ServiceRuntime
from shared.security import require_policy_for_every_route
from shared.topics import CASES, NOTIFICATIONS

__all__ = ["build"]


def build(settings: NotificationsSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or NotificationsSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    store = runtime.store
    planning = Planning(
        app_base_url=settings.app_base_url,
        timezone=ZoneInfo(settings.school_timezone),
        digest_at=time.fromisoformat(settings.digest_time),
        concern_round=timedelta(seconds=settings.concern_round_s),
    )
    records = MongoRepositories(store)
    runtime.on_startup(records.ensure_indexes)
    transact = runtime.transactor(lambda session: MongoNotificationsUnit(session, store))
    runtime.consume(CASES, subscribers(planning), transact)
    runtime.publishes(NOTIFICATIONS)

    senders: dict[Channel, Sender] = {
        Channel.EMAIL: SmtpChannel(settings),
        Channel.SMS: HttpSmsChannel(settings),
    }
    dispatcher = Dispatcher(
        records=records,
        senders=senders,
        transact=transact,
        planning=planning,
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
    digest = DigestSender(records=records, senders=senders, transact=transact)
    runtime.run_pump(
        Pump("daily-digest", digest.send_next, interval_s=settings.digest_poll_interval_s)
    )

    app = create_app(
        runtime,
        title="Notifications",
        description="In-app inbox, email delivery and delivery receipts.",
    )
    app.include_router(notification_routes(records, runtime.gate))
    app.include_router(retry_routes(records, runtime.gate, wake=dispatch.wake))
    app.include_router(dead_letter_routes(runtime))
    app.include_router(operations_routes(runtime, deliveries=delivery_status(store)))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
