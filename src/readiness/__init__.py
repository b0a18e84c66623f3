"""readiness: ISO 9001:2015 certification readiness for public-administration offices.

The public API is small: read an evidence workbook, assess it, and build the report.
Names are imported on first use, so that ``import readiness`` stays cheap for the command
line, which launches the notebook kernel before loading the heavier parts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "Assessment": "readiness.assess",
    "assess": "readiness.assess",
    "Catalogue": "readiness.catalogue",
    "load_catalogue": "readiness.catalogue",
    "Problem": "readiness.problems",
    "WorkbookError": "readiness.problems",
    "load_workbook": "readiness.workbook",
    "read_workbook": "readiness.workbook",
    "build_report": "readiness.report",
}

__all__ = [
    "Assessment",
    "Catalogue",
    "Problem",
    "WorkbookError",
    "__version__",
    "assess",
    "build_report",
    "load_catalogue",
    "load_workbook",
    "read_workbook",
]

if TYPE_CHECKING:
    from readiness.assess import Assessment, assess
    from readiness.catalogue import Catalogue, load_catalogue
    from readiness.problems import Problem, WorkbookError
    from readiness.report import build_report
    from readiness.workbook import load_workbook, read_workbook


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
