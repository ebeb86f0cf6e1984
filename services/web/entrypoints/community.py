"""Screens: the school's communal welfare group, its meetings and minutes, and the welfare plans.

Being built (issue 17); the router is registered so that its paths are the app's.
"""

from __future__ import annotations

from fastapi import APIRouter

from services.web.entrypoints.pages import Pages

__all__ = ["routes"]


def routes(pages: Pages) -> APIRouter:
    return APIRouter()
