"""What a publication is: the figures of one school year, as every view reads them.

It has a module of its own, free of the audit's numerical libraries: a publication is
made in a worker process (``adapters/publisher.py``) and unpickled in the service, which
imports this module for it and nothing of the audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.communal.domain.disclosure_model import Figure, Status
from services.communal.domain.periods import SchoolYear
from services.communal.domain.publication_shapes import ProviderFigures, SchoolFigures
from services.communal.domain.publication_units import Units
from services.communal.domain.publication_withheld import withheld

__all__ = ["Publication"]


@dataclass(frozen=True)
class Publication:
    year: SchoolYear
    as_of: datetime
    units: Units
    schools: Mapping[str, SchoolFigures]
    provider_figures: ProviderFigures
    status: Mapping[Figure, Status]  # for the benchmark and the audit's tests

    def school(self, school_id: str) -> SchoolFigures:
        """A school's page; a school without a tally in the year has no data."""
        if school_id in self.schools:
            return self.schools[school_id]
        return withheld(school_id, self.year, self.as_of, "no_data", None)

    def provider(self) -> ProviderFigures:
        return self.provider_figures
