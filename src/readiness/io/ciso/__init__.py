"""CISO Assistant interchange: the catalogue as a framework library, an assessment as a sheet.

- ``library``: our catalogue, and our other frameworks (CAF 2020, KZ, СФУК) and their
  crosswalks, as CISO Assistant libraries (YAML);
- ``assessment``: an office's assessment in the layout CISO Assistant's data wizard imports
  as a compliance assessment;
- ``checks``: a library or a sheet checked against CISO Assistant's import rules.

The formats follow CISO Assistant's public library files and import code
(intuitem/ciso-assistant-community); ``docs/frameworks.md`` documents them.
"""

from __future__ import annotations

from readiness.io.ciso.assessment import (
    COLUMNS,
    PROGRESS,
    RESULTS,
    SCORE_PER_LEVEL,
    Row,
    assessment_rows,
    level_mapping,
    read_assessment,
    write_assessment,
)
from readiness.io.ciso.checks import (
    FRAMEWORK_REQUIRED,
    LIBRARY_FIELDS,
    LIBRARY_REQUIRED,
    NODE_FIELDS,
    URN_REGEX,
    assessment_problems,
    first_object,
    framework_of,
    library_problems,
    mapping_problems,
)
from readiness.io.ciso.library import (
    PACKAGER,
    framework_library,
    framework_urn,
    library,
    library_urn,
    mapping_library,
    node_urn,
    slug,
    write_library,
    write_yaml,
)

__all__ = [
    "COLUMNS",
    "FRAMEWORK_REQUIRED",
    "LIBRARY_FIELDS",
    "LIBRARY_REQUIRED",
    "NODE_FIELDS",
    "PACKAGER",
    "PROGRESS",
    "RESULTS",
    "SCORE_PER_LEVEL",
    "URN_REGEX",
    "Row",
    "assessment_problems",
    "assessment_rows",
    "first_object",
    "framework_library",
    "framework_of",
    "framework_urn",
    "level_mapping",
    "library",
    "library_problems",
    "library_urn",
    "mapping_library",
    "mapping_problems",
    "node_urn",
    "read_assessment",
    "slug",
    "write_assessment",
    "write_library",
    "write_yaml",
]
