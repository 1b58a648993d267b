"""Use cases, one package per capability. They take a session where they need one and never
commit; the edge (web request, CLI command, job) commits.

Capabilities: `register/` (plans in: import, review, revisions, items, agencies, links),
`progress/` (values, task updates, baselines, explanations, status, completeness),
`calendars/` (a plan's reporting streams and their due days),
`spreadsheets/` (the Excel round trip and templates), `views/` (what pages read),
`accounts/` (people, access, tokens), `reporting/` (periodic reports and their files),
`history/` (audit and revert), `demo/` (the sample register), `jobs/` and `backups/`.
Each package's docstring says what it owns; its `__all__` names its public face, the
modules other packages and the edges may import. The rest is its own business
(tests/test_architecture.py fails on an import that reaches into it).

The plumbing every capability and edge shares stays here as single modules, not as a
capability: `db` (engines and sessions), `uow` (the unit of work the edges commit through),
`memo` (the cache of computed results per data stamp) and `health` (the /healthz checks
over db, schema and jobs). They own no use case, so a package of their own would only add
a floor.
"""
