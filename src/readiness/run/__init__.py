"""The report's run: the pipeline from workbook to promoted report folder, and notebook execution.

Builds on every layer below; only ``readiness.cli`` sits above it.
"""
