"""Charts as SVG text: vector in print, embedded in the HTML, readable without colour."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import matplotlib
from matplotlib.figure import Figure

# Okabe-Ito, safe for the common forms of colour blindness. Bars also carry their value
# as text, so nothing is told by colour alone.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREY = "#555555"


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "readiness"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog so the SVG can sit inline in HTML


def _png(fig: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes (for a .docx, which takes no SVG), without a timestamp."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def readiness_bars(
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    overall: float,
    title: str,
    overall_label: str,
) -> str:
    """Horizontal bars of readiness per chapter (0-100 %), with the value on each bar.

    Parameters
    ----------
    labels
        One label per bar, top to bottom.
    values
        Readiness per bar, 0.0 to 1.0.
    value_labels
        The value written on each bar, formatted for the reader's language.
    overall
        Overall readiness, 0.0 to 1.0, drawn as a dashed line.
    title
        Axis title.
    overall_label
        Text for the dashed line, already formatted.

    Returns
    -------
    str
        An inline ``<svg>`` element.
    """
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 9}):
        # Figure without pyplot: no global state, no GUI backend, faster to import
        fig = Figure(figsize=(6.6, 0.36 * len(labels) + 0.9))
        ax = fig.subplots()
        positions = list(range(len(labels)))[::-1]
        percents = [100 * v for v in values]
        bars = ax.barh(positions, percents, color=BLUE, height=0.6)
        for bar, pct, text in zip(bars, percents, value_labels, strict=True):
            inside = pct > 14
            ax.text(
                bar.get_width() - 1.5 if inside else bar.get_width() + 1.5,
                bar.get_y() + bar.get_height() / 2,
                text,
                va="center",
                ha="right" if inside else "left",
                color="white" if inside else GREY,
                fontweight="bold",
            )
        if values:
            mean = 100 * overall
            ax.axvline(mean, color=ORANGE, linestyle="--", linewidth=1.5)
            ax.text(mean, len(labels) - 0.45, overall_label, color=GREY, ha="center", va="bottom")
        ax.set_yticks(positions, labels)
        ax.set_xlim(0, 100)
        ax.set_xlabel(title)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _svg(fig)


def readiness_trend(
    labels: Sequence[str], values: Sequence[float], value_labels: Sequence[str], title: str
) -> str:
    """Readiness over the runs of one office: a line with a labelled marker per run.

    Parameters
    ----------
    labels
        One date label per run, oldest first.
    values
        Overall readiness per run, 0.0 to 1.0.
    value_labels
        The value written above each marker.
    title
        Axis title.
    """
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 9}):
        fig = Figure(figsize=(6.6, 2.6))
        ax = fig.subplots()
        xs = list(range(len(values)))
        ax.plot(xs, [100 * v for v in values], color=BLUE, marker="o", linewidth=2)
        for x, v, text in zip(xs, values, value_labels, strict=True):
            ax.annotate(
                text,
                (x, 100 * v),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                color=GREY,
            )
        ax.set_xticks(xs, labels)
        ax.set_ylim(0, 108)
        ax.set_ylabel(title)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        return _svg(fig)


def objective_trend(
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    target: float | None,
    target_label: str,
    title: str,
    number: Callable[[float], str] = str,
    fmt: str = "svg",
) -> str | bytes:
    """One quality objective's results over its periods, the target as a dashed line.

    Parameters
    ----------
    labels
        One period per result, oldest first.
    values
        The results, in the objective's unit.
    value_labels
        The value written above each marker (the number is read, not the colour).
    target
        The target, drawn as a dashed line with ``target_label`` beside it; None: no line.
    target_label
        Text for the target line, already formatted.
    title
        Axis title (the indicator and its unit).
    number
        How a figure reads in the reader's language (the axis's ticks).
    fmt
        ``"svg"``: inline ``<svg>`` text; ``"png"``: PNG bytes (a .docx's picture).
    """
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 8}):
        fig = objective_figure(labels, values, value_labels, target, target_label, title, number)
        return _png(fig) if fmt == "png" else _svg(fig)


def objective_figure(
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    target: float | None,
    target_label: str,
    title: str,
    number: Callable[[float], str] = str,
) -> Figure:
    """The figure :func:`objective_trend` saves (call it inside its ``rc_context``).

    The target's label stands outside the plot, right of its dashed line's end, so that it
    never covers a result or a result's label whatever the values.
    """
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(3.3, 1.9))
    ax = fig.subplots()
    xs = list(range(len(values)))
    ax.plot(xs, list(values), color=BLUE, marker="o", linewidth=2)
    for x, v, text in zip(xs, values, value_labels, strict=True):
        ax.annotate(
            text,
            (x, v),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            color=GREY,
            parse_math=False,
        )
    if target is not None:
        ax.axhline(target, color=ORANGE, linestyle="--", linewidth=1.5)
        ax.annotate(
            target_label,
            (1.0, target),
            xycoords=("axes fraction", "data"),
            textcoords="offset points",
            xytext=(4, 0),
            ha="left",
            va="center",
            color=GREY,
            parse_math=False,
            annotation_clip=False,
        )
    ax.set_xticks(xs, labels, parse_math=False)  # the workbook's text, never mathtext
    ax.set_xlim(-0.5, max(len(values) - 0.5, 0.5))
    ax.margins(y=0.25)
    ax.set_ylabel(title, parse_math=False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    return fig
