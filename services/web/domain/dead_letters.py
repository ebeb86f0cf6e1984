"""The dead letters' forms, without I/O: the listing's filters, which entries a form
selected (each named by its service and its ledger id), and the reason an action needs.

An entry is named ``<service>:<id>`` in a form; both parts are checked here, so a forged
value never reaches a service's path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from services.web.domain.words import SCHOOL_TIME
from services.web.service_layer.api import Service

__all__ = [
    "ENTRY_ID",
    "FILTER_FIELDS",
    "STATES",
    "Chosen",
    "Listing",
    "entry_name",
    "parse_entry",
    "parse_listing",
    "parse_reason",
    "parse_selected",
]

ENTRY_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")  # as the ledger's API accepts them
_NAME = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")
STATES = ("new", "replayed", "discarded")
FILTER_FIELDS = ("service", "topic", "reason", "event_type", "state", "since", "until")
REASON_MIN, REASON_MAX = 3, 500


@dataclass(frozen=True)
class Listing:
    services: tuple[Service, ...]
    params: dict[str, str]  # the ledger API's query, for each of those services
    values: dict[str, str]  # what the form shows again
    errors: dict[str, str] = field(default_factory=dict)


def parse_listing(query: Mapping[str, str], messages: Mapping[str, str]) -> Listing:
    """The filters of ``GET /operations/dead-letters``; a bad one is left out, with why."""
    values = {f: query.get(f, "").strip() for f in FILTER_FIELDS}
    errors: dict[str, str] = {}
    services = tuple(Service)
    if values["service"]:
        try:
            services = (Service(values["service"]),)
        except ValueError:
            errors["service"] = messages["service"]
    params: dict[str, str] = {}
    for name in ("topic", "reason", "event_type"):
        if values[name] and not _NAME.match(values[name]):
            errors[name] = messages["name"]
        elif values[name]:
            params[name] = values[name]
    if values["state"] and values["state"] not in STATES:
        errors["state"] = messages["state"]
    elif values["state"]:
        params["state"] = values["state"]
    for name, after in (("since", 0), ("until", 1)):  # until a day: to the end of that day
        if not values[name]:
            continue
        try:
            day = date.fromisoformat(values[name]) + timedelta(days=after)
        except ValueError:
            errors[name] = messages["day"]
        else:
            params[name] = datetime.combine(day, time(0), SCHOOL_TIME).isoformat()
    return Listing(services, params, values, errors)


@dataclass(frozen=True)
class Chosen:
    service: Service
    entry_id: str


def entry_name(service: str, entry_id: str) -> str:
    return f"{service}:{entry_id}"


def parse_entry(service: str, entry_id: str) -> Chosen | None:
    try:
        which = Service(service)
    except ValueError:
        return None
    return Chosen(which, entry_id) if ENTRY_ID.match(entry_id) else None


def parse_selected(values: Sequence[str]) -> list[Chosen] | None:
    """The checked entries, in order, each once; None if one of them is forged."""
    chosen: list[Chosen] = []
    for value in dict.fromkeys(values):
        service, _, entry_id = value.partition(":")
        found = parse_entry(service, entry_id)
        if found is None:
            return None
        chosen.append(found)
    return chosen


def parse_reason(value: str | None) -> str | None:
    """The reason an action is taken (kept in the entry), or None if it is too short."""
    reason = (value or "").strip()
    return reason[:REASON_MAX] if len(reason) >= REASON_MIN else None
