"""Reporting: a unit's periodic report built from the register and the status.

Owns gathering the report's inputs (`report_data`; `reports/` lays them out) and the report
files offered for download, with their Vietnamese names (`report_files`).
"""

__all__ = ["report_data", "report_files"]
