"""Report sections beyond one edition: the transition to the next edition, other frameworks.

Both are called from a notebook with the report ``open_report`` returned::

    from readiness.render.frameworks import other_frameworks, transition
    transition(report)        # 07_transition, for a certified office
    other_frameworks(report)  # 08_frameworks: CAF 2020, KZ, СФУК

They render what the model holds (``ReportModel.transition`` and ``.frameworks``, computed
by ``render.model.build_model``) with the fragments ``transition.html.j2`` and
``frameworks.html.j2``.
"""

from __future__ import annotations

from readiness.render.view import GapReport, Section

STATUS_SYMBOL = {"supported": "✓", "partial": "◐", "weak": "▲", "not-covered": "✗"}
"""A symbol beside every status word: colour is never the only signal."""
CHANGE_SYMBOL = {"ready": "✓", "build": "▲", "base-gap": "✗", "annex": "ℹ"}


def transition(report: GapReport) -> Section:
    """The transition section: what changes, what the office has, what to prepare, by when.

    A certified office gets every change and step; an office on the road to certification is
    also told it can still be certified to the current edition during the transition. The
    edition's status follows the report's date (expected before publication, then published).
    """
    plan = report.model.transition
    if plan is None:
        return Section(html="", text="no newer edition to move to")
    return report.render(
        "transition",
        plan=plan,
        edition=plan.edition,
        certified=report.stage.kind == "certified",
        symbols=CHANGE_SYMBOL,
    )


def other_frameworks(report: GapReport) -> Section:
    """The "other frameworks" section: per element, support, what to cite, where gaps are.

    The frameworks are those the model was built with (by the office's country by default:
    Poland CAF 2020 and management control, Bulgaria CAF 2020 and СФУК, elsewhere CAF 2020);
    none: no section.
    """
    supports = report.model.frameworks
    if not supports:
        return Section(html="", text="no framework chosen")
    return report.render(
        "frameworks",
        supports=supports,
        symbols=STATUS_SYMBOL,
        caf_problems=report.workbook.caf_problems,
    )
