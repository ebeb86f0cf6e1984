"""Screens: a school's figures and all schools side by side, their exports, the yearly report.

Being built (issue 17); the router is registered so that its paths are the app's.
"""

from __future__ import annotations

from fastapi import APIRouter

from services.web.entrypoints.pages import Pages

__all__ = ["routes"]


def routes(pages: Pages) -> APIRouter:
    return APIRouter()
