"""The domain, pure: records, layout, catalogue, assessment, gates, cycle, action plan rows.

Nothing here reads or writes a file other than the package's own data (the catalogue and the
message catalogues), and nothing here imports from ``readiness.io``, ``render`` or ``run``.
"""
