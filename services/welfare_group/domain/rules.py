"""A refusal a professional can act on: which rule forbids the step, and what to do instead."""

from __future__ import annotations

__all__ = ["RuleViolation"]


class RuleViolation(Exception):
    def __init__(self, rule: str, message: str, *, instead: str) -> None:
        super().__init__(f"{message} ({rule})")
        self.rule = rule
        self.message = message
        self.instead = instead

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message, "instead": self.instead}
