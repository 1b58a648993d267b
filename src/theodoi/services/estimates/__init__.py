"""Estimates: the office's own ước thực hiện cả năm of a target, typed for its reports.

Owns storing, replacing and clearing the estimate a person typed for a target and a year
(`office`); the report (services/reporting) shows it, marked as the office's, in place of
the one worked out from the figures (domain.trajectory.year_estimate).
"""

__all__ = ["office"]
