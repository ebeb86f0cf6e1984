"""Screens: to be built."""

from __future__ import annotations

from fastapi import APIRouter

from services.web.entrypoints.pages import Pages

__all__ = ["routes"]


def routes(pages: Pages) -> APIRouter:
    return APIRouter()
