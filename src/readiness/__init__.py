"""readiness: ISO 9001:2015 certification readiness for public-administration offices.

The public API is small: read an evidence workbook, assess it, and build the report.
"""

from readiness.assess import Assessment, assess
from readiness.catalogue import Catalogue, load_catalogue
from readiness.problems import Problem, WorkbookError
from readiness.workbook import load_workbook, read_workbook

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Catalogue",
    "Problem",
    "WorkbookError",
    "__version__",
    "assess",
    "load_catalogue",
    "load_workbook",
    "read_workbook",
]
