"""Customer satisfaction (9.1.2) from survey answers: per question and per service.

Pure functions over :class:`~readiness.core.model.SurveyResponse` records (answers 1-5).
The rules:

- **The year measured** is the 12 months up to the report date (after ``as_of`` minus 12
  months, up to and including ``as_of``); **the year before** is the 12 months before that.
  Rolling years rather than calendar years, so a report in January still compares two full
  years and the same window decides whether satisfaction was measured in the last 12 months.
  Answers without a date cannot be placed in either year: they are counted apart
  (``undated``) and left out of the figures.
- **Satisfied** means an answer of 4 or 5 (the top two boxes). The share satisfied has a 95 %
  Wilson score interval (``scipy.stats.binomtest(...).proportion_ci(method="wilson")``,
  imported when first needed so that reading a report stays fast).
- **The change** is the share satisfied this year minus the share the year before, for the
  same question and service, when both years have answers.
- **Measured in time**: a dated answer within the year measured. Where none is, the
  country's rule in ``data/satisfaction.toml`` says whether it is a finding (Bulgaria: the
  Наредба за административното обслужване) or a recommendation (elsewhere, on 9.1.2).
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from readiness.core.messages import N_
from readiness.core.model import SurveyResponse
from readiness.core.registers import add_months

SCALE = (1, 2, 3, 4, 5)
SATISFIED = frozenset({4, 5})
CONFIDENCE = 0.95

Severity = Literal["finding", "recommendation"]

#: what the report says when no measurement falls within the year (message ids)
NOT_MEASURED = {
    "finding": N_(
        "Satisfaction was not measured in the last {months} months, as {source} requires: "
        "measure it and record the results."
    ),
    "recommendation": N_(
        "Satisfaction was not measured in the last {months} months: measure it at least "
        "once a year and record the results ({source})."
    ),
}


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The Wilson score interval of a proportion (scipy's implementation).

    Parameters
    ----------
    successes, n
        Answers satisfied and all answers; ``n`` must be positive.
    confidence
        The confidence level (0.95 by default).

    Returns
    -------
    tuple of float
        The interval's low and high ends, within [0, 1].
    """
    # imported here: scipy.stats takes about a second to import, paid only with surveys
    from scipy.stats import binomtest  # type: ignore[import-untyped]

    ci = binomtest(successes, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass(frozen=True)
class Window:
    """A year of answers: after ``start``, up to and including ``end``."""

    start: dt.date
    end: dt.date

    def holds(self, day: dt.date | None) -> bool:
        """Whether ``day`` falls in the window."""
        return day is not None and self.start < day <= self.end


def windows(as_of: dt.date) -> tuple[Window, Window]:
    """The year measured and the year before it (the module's rule)."""
    start = add_months(as_of, -12)
    return Window(start, as_of), Window(add_months(as_of, -24), start)


@dataclass(frozen=True)
class Score:
    """One question's answers (for one service, or all): count, mean, distribution, share.

    ``distribution`` counts the answers 1 to 5; ``low`` and ``high`` bound the share
    satisfied (95 % Wilson); ``previous`` is the share the year before (None without
    answers then) and ``change`` the difference.
    """

    question: str
    service: str  # "" for all services
    answers: int
    mean: float
    distribution: tuple[int, int, int, int, int]
    satisfied: int
    share: float
    low: float
    high: float
    previous: float | None = None
    previous_answers: int = 0

    @property
    def change(self) -> float | None:
        """The share satisfied minus the year before's (None when there is nothing to compare)."""
        return None if self.previous is None else self.share - self.previous


@dataclass(frozen=True)
class Measurement:
    """Whether satisfaction was measured in the year, and what it means where it was not."""

    last: dt.date | None  # the latest dated answer (any year)
    in_time: bool
    months: int
    severity: Severity | None  # None when measured in time
    message: str  # a message id with {months} and {source}, or ""
    country: str  # the country whose rule applied ("" for the default rule)
    checked: bool  # whether the rule's source was compared with the text in force

    def source(self, lang: str = "en") -> str:
        """The rule's source in the reader's language (from ``data/satisfaction.toml``)."""
        rule = _rules()[1][self.country]
        return rule.source.get(lang, rule.source["en"])


@dataclass(frozen=True)
class Satisfaction:
    """The survey analysed at the report date."""

    year: Window
    before: Window
    responses: int  # answers in the year measured
    undated: int
    questions: tuple[Score, ...]  # every service together
    services: tuple[Score, ...]  # per question and service, when a service is named
    measurement: Measurement
    overall: Score | None = None  # every answer to every question together


def _score(question: str, service: str, now: list[int], then: list[int]) -> Score | None:
    if not now:
        return None
    counts = tuple(now.count(v) for v in SCALE)
    satisfied = sum(1 for v in now if v in SATISFIED)
    low, high = wilson(satisfied, len(now))
    previous = sum(1 for v in then if v in SATISFIED) / len(then) if then else None
    return Score(
        question=question,
        service=service,
        answers=len(now),
        mean=math.fsum(now) / len(now),
        distribution=(counts[0], counts[1], counts[2], counts[3], counts[4]),
        satisfied=satisfied,
        share=satisfied / len(now),
        low=low,
        high=high,
        previous=previous,
        previous_answers=len(then),
    )


@dataclass(frozen=True)
class _Rule:
    months: int
    severity: Severity
    source: dict[str, str]
    checked: bool


@cache
def _rules() -> tuple[int, dict[str, _Rule]]:
    text = (resources.files("readiness") / "data" / "satisfaction.toml").read_text("utf-8")
    doc = tomllib.loads(text)
    months = int(doc["rule"]["months"])
    out: dict[str, _Rule] = {}
    for code, rule in [*doc["country"].items(), ("", doc["default"])]:
        severity = rule["severity"]
        if severity not in ("finding", "recommendation"):
            raise ValueError(f"satisfaction.toml: {code or 'default'}: severity {severity!r}")
        out[code] = _Rule(months, severity, dict(rule["source"]), bool(rule["checked"]))
    return months, out


def measurement(responses: tuple[SurveyResponse, ...], country: str, as_of: dt.date) -> Measurement:
    """Whether a dated answer falls within the months ``data/satisfaction.toml`` sets.

    Parameters
    ----------
    responses
        Every answer read.
    country
        The office's country (``BG`` makes a missing measurement a finding).
    as_of
        The report date.

    Returns
    -------
    Measurement
        The last measurement, and the severity and message where it is too old.
    """
    months, rules = _rules()
    code = country.upper() if country.upper() in rules else ""
    rule = rules[code]
    dates = [r.date for r in responses if r.date is not None and r.date <= as_of]
    last = max(dates) if dates else None
    in_time = last is not None and last > add_months(as_of, -months)
    return Measurement(
        last=last,
        in_time=in_time,
        months=months,
        severity=None if in_time else rule.severity,
        message="" if in_time else NOT_MEASURED[rule.severity],
        country=code,
        checked=rule.checked,
    )


def analyse(
    responses: tuple[SurveyResponse, ...], as_of: dt.date, country: str = ""
) -> Satisfaction:
    """Per question, and per question and service, the year's answers at ``as_of``.

    Parameters
    ----------
    responses
        Every answer read from the survey registers.
    as_of
        The report date.
    country
        The office's country, for the measurement rule.

    Returns
    -------
    Satisfaction
        Scores in the order questions and services first appear; a question or a service
        with no answer in the year measured is left out.
    """
    year, before = windows(as_of)
    now = [r for r in responses if year.holds(r.date)]
    then = [r for r in responses if before.holds(r.date)]
    questions = list(dict.fromkeys(q for r in (*now, *then) for q in r.answers))
    services = list(dict.fromkeys(r.service for r in now if r.service))

    def values(rows: list[SurveyResponse], question: str, service: str = "") -> list[int]:
        return [
            r.answers[question]
            for r in rows
            if question in r.answers and (not service or r.service == service)
        ]

    by_question = [_score(q, "", values(now, q), values(then, q)) for q in questions]
    by_service = [
        _score(q, s, values(now, q, s), values(then, q, s)) for q in questions for s in services
    ]
    every_now = [v for r in now for v in r.answers.values()]
    every_then = [v for r in then for v in r.answers.values()]
    return Satisfaction(
        year=year,
        before=before,
        responses=len(now),
        undated=sum(1 for r in responses if r.date is None),
        questions=tuple(s for s in by_question if s is not None),
        services=tuple(s for s in by_service if s is not None),
        measurement=measurement(responses, country, as_of),
        overall=_score("", "", every_now, every_then),
    )
