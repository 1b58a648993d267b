"""Roll-up across levels: targets of a unit linked to targets of the units above it, and
an upper target's figure made from its linked lower targets' figures.

Owns the suggestions between a unit's targets and its ancestors' (or its descendants')
(`matching`: same indicator words, same unit of measure, compatible deadline, the reason
stored with each), their confirmation or rejection by a person of either unit with how the
lower figure relates (part of a sum, the same rate, a contribution), the method a group
adds up by, the population of a unit, and the roll-up itself (`figures`: each lower unit's
latest accepted figure and status side by side, the aggregate and its status by
domain.rollup and domain.status). `pages` is what the web and the API show, with the
person's access applied. Reads are set-based (storage/repositories/rollup.py): the number
of queries does not grow with the number of communes.
"""

__all__ = ["figures", "matching", "pages"]
