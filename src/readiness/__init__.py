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
    "Assessment": "readiness.core.assess",
    "assess": "readiness.core.assess",
    "Catalogue": "readiness.core.catalogue",
    "load_catalogue": "readiness.core.catalogue",
    "Problem": "readiness.core.problems",
    "WorkbookError": "readiness.core.problems",
    "load_workbook": "readiness.io.workbook",
    "read_workbook": "readiness.io.workbook",
    "write_workbook": "readiness.io.template",
    "build_report": "readiness.run.pipeline",
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
    "write_workbook",
]

if TYPE_CHECKING:
    from readiness.core.assess import Assessment, assess
    from readiness.core.catalogue import Catalogue, load_catalogue
    from readiness.core.problems import Problem, WorkbookError
    from readiness.io.template import write_workbook
    from readiness.io.workbook import load_workbook, read_workbook
    from readiness.run.pipeline import build_report


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
