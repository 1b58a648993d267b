"""Pure domain model: dataclasses and functions, no I/O and no clock."""
