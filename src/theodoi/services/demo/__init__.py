"""Demo: the sample register that `theodoi demo` loads so a new install has something to show.

Owns loading the sample plans (`sample`) and their deterministic sample progress
(`sample_progress`).
"""

__all__ = ["sample", "sample_progress"]
