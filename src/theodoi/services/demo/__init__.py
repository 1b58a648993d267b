"""Demo: the sample register that `theodoi demo` loads so a new install has something to show.

Owns loading the sample plans (`sample`), their deterministic sample progress
(`sample_progress`), the quarterly report a sample commune numbers and sends to the
sample province (`sample_outgoing`) and the emulation movement a sample plan launches
(`sample_emulation`).
"""

__all__ = ["sample", "sample_emulation", "sample_outgoing", "sample_progress"]
