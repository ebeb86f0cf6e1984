"""A school's figures, the provider's schools side by side, and the yearly evaluation
report (§25): each read from the communal service with the person's own token, which
decides whether they may see it and logs that they did."""

from __future__ import annotations

from dataclasses import dataclass

from services.web.domain.figures_school import (
    ProviderFigures,
    SchoolFigures,
    provider_figures_of,
    school_figures_of,
)
from services.web.domain.provider_indicators import PlanIndicator, plan_indicators
from services.web.service_layer.api import Api, ApiRefusal, Service

__all__ = ["EvaluationReport", "evaluation_report", "provider_figures", "school_figures"]


async def school_figures(api: Api, school_id: str, year: int) -> SchoolFigures:
    seen = await api.get(
        Service.COMMUNAL, f"/statistics/schools/{school_id}", params={"year": str(year)}
    )
    return school_figures_of(seen)


async def provider_figures(api: Api, year: int) -> ProviderFigures:
    seen = await api.get(Service.COMMUNAL, "/statistics/provider", params={"year": str(year)})
    return provider_figures_of(seen)


@dataclass(frozen=True)
class EvaluationReport:
    figures: ProviderFigures
    indicators: tuple[PlanIndicator, ...]
    plan_version: int | None  # the provider's plan the targets are from; None: none answered


async def evaluation_report(api: Api, year: int) -> EvaluationReport:
    figures = await provider_figures(api, year)
    try:
        plan = await api.get(Service.COMMUNAL, "/welfare-plan")
    except ApiRefusal:
        # The figures are the report; the plan's targets beside them are a help, and a
        # plan not yet adopted (or not answering) must not keep the report from printing.
        plan = None
    current = (plan or {}).get("current") if isinstance(plan, dict) else None
    version = current.get("version") if isinstance(current, dict) else None
    return EvaluationReport(
        figures=figures,
        indicators=plan_indicators(plan if isinstance(plan, dict) else None, figures),
        plan_version=int(version) if version is not None else None,
    )
