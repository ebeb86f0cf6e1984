"""An attacker of the communal figures, written from the published JSON alone.

It knows what anyone reading the tables knows: a year is its terms, a term its months, a
total row its rows, the urgency and raiser tables' totals are the concerns, a category row
is at most the concerns, the provider is its schools plus "other schools", the schools side
by side repeat each school's year, open cases move by the cases opened and closed; and the
rule: "<5" is 0-4, "x" at least 5. It differences every published figure against every
other a relation ties it to, and solves its own linear programmes over the rest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

Var = tuple[str, ...]
ADDITIVE_TOTAL = {"concerns_by_urgency": "concerns", "concerns_by_raiser": "concerns"}
HEADLINE = {
    "concerns": ("concerns", "all"),
    "cases_opened": ("cases", "opened"),
    "cases_closed": ("cases", "closed"),
    "group_formed": ("cases", "group_formed"),
    "within_limit": ("discussions", "within_limit"),
    "late": ("discussions", "late"),
    "no_limit": ("discussions", "no_limit"),
    "deadline_passed": ("discussions", "deadline_passed"),
    "consents_refused": ("consents", "refused"),
    "notifications_failed": ("notifications", "failed"),
}


class Attacker:
    def __init__(self, provider: dict[str, Any], schools: Mapping[str, dict[str, Any]]) -> None:
        self.known: dict[Var, float] = {}
        self.bounds: dict[Var, tuple[float, float]] = {}
        self.equalities: list[dict[Var, int]] = []
        self.at_most: list[dict[Var, int]] = []
        months = provider["months"]
        self.columns = [*months, "autumn", "spring", "year"]
        units = [s for s, page in schools.items() if page["publishable"]]
        for school in units:
            self._tables(("school", school), schools[school]["tables"])
            self._open_cases(school, schools[school]["open_cases"], months)
        self._tables(("provider",), provider["tables"])
        for row in provider["schools"]:
            unit = ("school", row["school_id"]) if row["school_id"] else ("other",)
            for name, cell in row["figures"].items():
                self._cell((*unit, *HEADLINE[name], "year"), cell)
        for name, cell in provider["total"]["figures"].items():
            self._cell(("provider", *HEADLINE[name], "year"), cell)
        for table, key, column in {v[-3:] for v in self.variables if v[0] == "provider"}:
            parts = [("school", s, table, key, column) for s in units] + [
                ("other", table, key, column)
            ]
            self.equalities.append(
                {("provider", table, key, column): -1, **dict.fromkeys(parts, 1)}
            )
            self.bounds.setdefault(("other", table, key, column), (0, math.inf))

    @property
    def variables(self) -> set[Var]:
        return set(self.known) | set(self.bounds)

    def _cell(self, var: Var, cell: dict[str, Any]) -> None:
        if "value" in cell:
            self.known[var] = cell["value"]
        elif cell["suppressed"] == "small":
            self.bounds[var] = (0, 4)
        else:
            self.bounds[var] = (5, math.inf)

    def _row(self, unit: Var, table: str, key: str, row: dict[str, Any]) -> None:
        at = {c: (*unit, table, key, c) for c in self.columns}
        for month, cell in zip(self.columns[:12], row["months"], strict=True):
            self._cell(at[month], cell)
        for term in ("autumn", "spring"):
            self._cell(at[term], row["terms"][term])
        self._cell(at["year"], row["year"])
        autumn, spring = self.columns[:5], self.columns[5:12]
        for term, months in (("autumn", autumn), ("spring", spring)):
            self.equalities.append({at[term]: -1, **{at[m]: 1 for m in months}})
        self.equalities.append({at["year"]: -1, at["autumn"]: 1, at["spring"]: 1})

    def _tables(self, unit: Var, tables: list[dict[str, Any]]) -> None:
        for table in tables:
            name = table["table"]
            for row in table["rows"]:
                self._row(unit, name, row["key"], row)
            if table["total"] is not None:
                total_as = (
                    ADDITIVE_TOTAL.get(name, name),
                    "all" if name in ADDITIVE_TOTAL else "total",
                )
                self._row(unit, *total_as, table["total"])
                for c in self.columns:
                    parts = {(*unit, name, r["key"], c): 1 for r in table["rows"]}
                    self.equalities.append({(*unit, *total_as, c): -1, **parts})
            if name == "concerns_by_category":
                for c in self.columns:
                    whole = (*unit, "concerns", "all", c)
                    rows = [(*unit, name, r["key"], c) for r in table["rows"]]
                    self.at_most.extend({r: 1, whole: -1} for r in rows)
                    self.at_most.append({whole: 1, **dict.fromkeys(rows, -1)})

    def _open_cases(self, school: str, cells: list[dict[str, Any]], months: list[str]) -> None:
        previous: Var = ("school", school, "open_cases", "open", "before")
        self.bounds[previous] = (0, math.inf)
        for month, cell in zip(months, cells, strict=True):
            here = ("school", school, "open_cases", "open", month)
            self._cell(here, cell)
            opened, closed = (("school", school, "cases", k, month) for k in ("opened", "closed"))
            self.equalities.append({here: 1, previous: -1, opened: -1, closed: 1})
            previous = here

    def differenced(self) -> dict[Var, float]:
        """Every figure one relation gives away once the others in it are known, again and
        again: the pairwise (and chained) differences of published figures."""
        known = dict(self.known)
        changed = True
        while changed:
            changed = False
            for relation in self.equalities:
                unknown = [v for v in relation if v not in known]
                if len(unknown) == 1:
                    (var,) = unknown
                    rest = sum(c * known[v] for v, c in relation.items() if v != var)
                    known[var] = -rest / relation[var]
                    changed = True
        return known

    def range_of(self, target: Var) -> tuple[float, float]:
        """The target's feasible range under every relation and the rule's bounds."""
        free = sorted(self.variables - set(self.known))
        index = {v: i for i, v in enumerate(free)}

        def rows(relations: list[dict[Var, int]]) -> tuple[Any, Any]:
            useful = [r for r in relations if any(v in index for v in r)]
            if not useful:
                return None, None
            rows, cols, coefs = [], [], []
            b = np.zeros(len(useful))
            for i, r in enumerate(useful):
                for v, c in r.items():
                    if v in index:
                        rows.append(i)
                        cols.append(index[v])
                        coefs.append(float(c))
                    else:
                        b[i] -= c * self.known[v]
            return csr_array((coefs, (rows, cols)), shape=(len(useful), len(free))), b

        a_eq, b_eq = rows(self.equalities)
        a_ub, b_ub = rows(self.at_most)
        bounds = [(lo, None if hi == math.inf else hi) for lo, hi in (self.bounds[v] for v in free)]
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(free))
            c[index[target]] = sign
            found = linprog(c, a_ub, b_ub, a_eq, b_eq, bounds=bounds, method="highs")
            if found.status == 3:
                ends.append(math.inf * sign * -1)
                continue
            assert found.status == 0, found.message
            ends.append(float(found.x[index[target]]))
        return min(ends), max(ends)
