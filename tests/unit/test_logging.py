"""Logs carry identifiers, never personal data, whoever wrote the log line."""

from __future__ import annotations

import json
import logging

import pytest
import structlog

from shared.logging import REDACTED, configure_logging, get_logger


@pytest.fixture
def json_logs(capsys: pytest.CaptureFixture[str]) -> pytest.CaptureFixture[str]:
    configure_logging(service="test", level="INFO")
    return capsys


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_personal_data_is_redacted_by_key_and_by_shape(
    json_logs: pytest.CaptureFixture[str],
) -> None:
    get_logger("test").info(
        "concern_raised",
        concern_id="c-1",
        description="Maija cried in class",
        guardian={"name": "Matti", "email": "matti@example.fi", "role": "guardian"},
        note="call 040 123 4567 or mail matti@example.fi about 010203-123A",
    )
    (line,) = _lines(json_logs)
    assert line["concern_id"] == "c-1"
    assert line["description"] == REDACTED
    assert line["guardian"] == {"name": REDACTED, "email": REDACTED, "role": "guardian"}
    for secret in ("040 123 4567", "matti@example.fi", "010203-123A"):
        assert secret not in json.dumps(line)
    assert line["service"] == "test"


def test_library_logs_pass_the_same_redaction(json_logs: pytest.CaptureFixture[str]) -> None:
    logging.getLogger("some.library").warning("could not reach anna@example.fi")
    (line,) = _lines(json_logs)
    assert "anna@example.fi" not in json.dumps(line)
    assert line["level"] == "warning"


def teardown_module() -> None:
    structlog.contextvars.clear_contextvars()
