"""No event can carry a name, an identity code or a narrative: every string in every event
schema is an identifier, an enumeration, a date or a pattern-bound code, and no field is
named like personal data."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from shared.contracts import AnyEvent

EVENTS = [get_args(member)[0] for member in get_args(get_args(AnyEvent)[0])]
PERSONAL = {"name", "first_name", "last_name", "full_name", "hetu", "ssn", "identity_code",
            "description", "narrative", "text", "note", "notes", "comment", "email", "phone",
            "address", "views", "wishes", "handling", "progress"}  # fmt: skip
BOUND = ("pattern", "enum", "const", "format")


Leaf = tuple[str, dict[str, Any]]


def strings(schema: dict[str, Any], defs: dict[str, Any], path: str) -> list[Leaf]:
    """Every string-typed leaf of a JSON schema, with its path."""
    if "$ref" in schema:
        return strings(defs[schema["$ref"].split("/")[-1]], defs, path)
    found: list[Leaf] = []
    for key in ("anyOf", "allOf", "oneOf"):
        for option in schema.get(key, []):
            found += strings(option, defs, path)
    if schema.get("type") == "string":
        found.append((path, schema))
    for name, field in schema.get("properties", {}).items():
        found += strings(field, defs, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        found += strings(schema["items"], defs, f"{path}[]")
    return found


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.__name__)
def test_every_string_in_the_event_is_bound_to_a_code_and_none_is_named_like_personal_data(
    event: type,
) -> None:
    schema = event.model_json_schema()  # type: ignore[attr-defined]
    leaves = strings(schema, schema.get("$defs", {}), event.__name__)
    assert leaves
    for path, leaf in leaves:
        assert path.rsplit(".", 1)[-1].rstrip("[]") not in PERSONAL, path
        assert any(k in leaf for k in BOUND), f"{path} is free text: {leaf}"
