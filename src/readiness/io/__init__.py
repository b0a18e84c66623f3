"""Files in and out: guard, workbook reader, template, results, action plan files, output.

Also the earlier runs of an office (history). Builds on ``readiness.core`` only.
"""
