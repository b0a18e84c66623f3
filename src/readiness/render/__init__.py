"""What people read: the report's sections, charts, locale formatting, HTML and PDF export.

Builds on ``readiness.core`` and ``readiness.io``; writes no files of its own.
"""
