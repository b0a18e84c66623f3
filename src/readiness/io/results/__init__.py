"""``results.json``: the machine-readable results of one run, written and read back.

:mod:`.document` arranges the document from the report model's parts and writes it;
:mod:`.record` is the one loader that reads it back into typed records (the history, the
comparison with earlier runs and the portfolio dashboard read nothing else).
"""

from readiness.io.results.document import (
    FILE_NAME,
    SCHEMA_VERSION,
    frameworks_document,
    results_document,
    transition_document,
    write_results,
)
from readiness.io.results.record import (
    MAX_RESULTS_BYTES,
    RECORD_KEYS,
    CycleRecord,
    OfficeRecord,
    Results,
    VerdictRecord,
    YearRecord,
    digest,
    levels,
    load_document,
    load_results,
    open_ids,
    results_record,
)

__all__ = [
    "FILE_NAME",
    "MAX_RESULTS_BYTES",
    "RECORD_KEYS",
    "SCHEMA_VERSION",
    "CycleRecord",
    "OfficeRecord",
    "Results",
    "VerdictRecord",
    "YearRecord",
    "digest",
    "frameworks_document",
    "levels",
    "load_document",
    "load_results",
    "open_ids",
    "results_document",
    "results_record",
    "transition_document",
    "write_results",
]
