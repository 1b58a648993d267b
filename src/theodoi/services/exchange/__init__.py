"""Exchange between installations (issue 22 items 5 and 6): a commune running its own
theodoi sends the province a signed package of a period, and any unit may show a public
read-only page.

Owns the package format (`package`: a zip of JSON parts and report files, a manifest with
the schema, the unit, the period, counts and the sha256 of each part, signed with
HMAC-SHA256 under the unit's shared key), the keys (`keys`), making a package (`export`),
taking one in at the unit above (`importing`: refused in words when the unit, key,
signature, a part or the schema is not right, or the package was exported by this very
installation (`identity`: a stable id per installation, written into each package);
idempotent; one transaction; a figure of a period locked here is held for the office,
never written), and the public page of a unit that opted in (`public`).

The simpler path for a province is one PostgreSQL server for all its communes: nothing to
exchange, the province reads its communes directly (README, "Between installations").
"""

__all__ = ["export", "identity", "importing", "keys", "package", "public"]
