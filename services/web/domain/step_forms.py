"""A case step's form, read from the welfare group's OpenAPI document.

The steps are declared once, in the welfare group; its OpenAPI document says each one's
path, summary, description and request schema. The web app reads the form from there
rather than repeating it, so a step added or changed there is a form here without a copy
to keep in step. Each property becomes one field, its widget chosen by its schema.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["FormField", "StepForm", "Widget", "step_forms"]

_STEP_PATH = re.compile(r"^/cases/\{case_id\}/(?P<path>[a-z0-9-]+(?:/\{[a-z_]+\}/[a-z0-9-]+)?)$")
_LONG = 400  # a string allowed longer than this gets a text area


class Widget(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    DATE = "date"
    MOMENT = "datetime-local"
    CHECKBOX = "checkbox"  # a boolean that is always either
    YES_NO = "yes_no"  # a boolean that may be left unsaid
    RADIOS = "radios"
    SELECT = "select"
    CHOICES = "choices"  # an array of enum values: check each that applies
    LINES = "lines"  # an array of strings: one per line
    ROWS = "rows"  # an array of objects: a few rows of their fields


@dataclass(frozen=True)
class FormField:
    name: str  # the request's property, and the form's field name
    widget: Widget
    title: str  # English, as the schema says; translated at render where known
    description: str | None
    required: bool
    options: tuple[str, ...] = ()
    max_length: int | None = None
    max_items: int | None = None
    columns: tuple[FormField, ...] = ()  # a ROWS field's fields, named ``name.<i>.<column>``
    pattern: str | None = None


@dataclass(frozen=True)
class StepForm:
    path: str  # under /cases/{case_id}/, as the service declares it
    summary: str
    description: str
    fields: tuple[FormField, ...]

    @property
    def param(self) -> str | None:
        """The id the path names (the meeting held, the entry corrected), if any."""
        found = re.search(r"\{(\w+)\}", self.path)
        return found.group(1) if found else None

    def path_for(self, item_id: str | None = None) -> str:
        """The path with its id filled in."""
        return re.sub(r"\{\w+\}", item_id or "", self.path)


def step_forms(document: Mapping[str, Any]) -> dict[str, StepForm]:
    """Every case step the document declares, by its path."""
    schemas = document.get("components", {}).get("schemas", {})
    forms: dict[str, StepForm] = {}
    for route, operations in document.get("paths", {}).items():
        matched = _STEP_PATH.match(route)
        operation = operations.get("post") if isinstance(operations, dict) else None
        if matched is None or not isinstance(operation, dict):
            continue
        content = operation.get("requestBody", {}).get("content", {})
        schema = _resolve(content.get("application/json", {}).get("schema", {}), schemas)
        forms[matched["path"]] = StepForm(
            path=matched["path"],
            summary=str(operation.get("summary", matched["path"])),
            description=str(operation.get("description", "")),
            fields=_fields(schema, schemas),
        )
    return forms


def _fields(schema: Mapping[str, Any], schemas: Mapping[str, Any]) -> tuple[FormField, ...]:
    required = set(schema.get("required", ()))
    return tuple(
        _field(name, prop, schemas, name in required)
        for name, prop in schema.get("properties", {}).items()
    )


def _field(
    name: str, prop: Mapping[str, Any], schemas: Mapping[str, Any], required: bool
) -> FormField:
    nullable, inner = _unwrap(prop, schemas)
    title = str(prop.get("title") or name.replace("_", " ").capitalize())
    described = prop.get("description")
    common: dict[str, Any] = {
        "name": name,
        "title": title,
        "description": str(described) if described else None,
        "required": required,
    }
    kind = inner.get("type")
    if "enum" in inner:
        options = tuple(str(v) for v in inner["enum"])
        widget = Widget.RADIOS if len(options) <= 4 and not nullable else Widget.SELECT
        return FormField(widget=widget, options=options, **common)
    if kind == "boolean":
        return FormField(widget=Widget.YES_NO if nullable else Widget.CHECKBOX, **common)
    if kind == "array":
        items = _resolve(inner.get("items", {}), schemas)
        limit = inner.get("maxItems")
        if "enum" in items:
            options = tuple(str(v) for v in items["enum"])
            return FormField(widget=Widget.CHOICES, options=options, max_items=limit, **common)
        if items.get("type") == "object":
            columns = _fields(items, schemas)
            return FormField(widget=Widget.ROWS, columns=columns, max_items=limit, **common)
        return FormField(
            widget=Widget.LINES, max_items=limit, pattern=items.get("pattern"), **common
        )
    if inner.get("format") == "date":
        return FormField(widget=Widget.DATE, **common)
    if inner.get("format") == "date-time":
        return FormField(widget=Widget.MOMENT, **common)
    longest = inner.get("maxLength")
    widget = Widget.TEXTAREA if isinstance(longest, int) and longest > _LONG else Widget.TEXT
    return FormField(widget=widget, max_length=longest, pattern=inner.get("pattern"), **common)


def _unwrap(prop: Mapping[str, Any], schemas: Mapping[str, Any]) -> tuple[bool, dict[str, Any]]:
    """Whether the property may be null, and its schema without the null."""
    variants = prop.get("anyOf")
    if isinstance(variants, list):
        kept = [v for v in variants if v.get("type") != "null"]
        nullable = len(kept) < len(variants)
        if len(kept) == 1:
            return nullable, _resolve(kept[0], schemas)
    return False, _resolve(prop, schemas)


def _resolve(schema: Mapping[str, Any], schemas: Mapping[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        own = {k: v for k, v in schema.items() if k != "$ref"}
        return {**schemas.get(ref.rsplit("/", 1)[1], {}), **own}
    return dict(schema)
