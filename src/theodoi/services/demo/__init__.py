"""Demo: the sample register that `theodoi demo` loads so a new install has something to show.

Owns loading the sample plans (`sample`), their deterministic sample progress
(`sample_progress`) and the quarterly report a sample commune numbers and sends to the
sample province (`sample_outgoing`), and the province's own plan linked to its communes'
targets for the roll-up (`sample_rollup`); the province's programme whose task asks every
commune for a plan of its own, tracked per commune (`sample_instructions`); the
emulation movement a sample plan launches (`sample_emulation`); and a commune's tổ dân
phố with a target split from the commune's and rolled up to it (`sample_below`).
"""

__all__ = ["sample", "sample_below", "sample_emulation", "sample_instructions", "sample_outgoing",
           "sample_progress", "sample_rollup"]
