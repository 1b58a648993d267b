"""The register: plans coming in and becoming the list of targets and tasks a unit tracks.

Owns reading a plan file (`extracting`, `importing`, with `uploads` checking a web upload
first), review of what was read (`review_decisions`: what accept, correct, reject and
activate do; `review_guarded`: the same for a signed-in person, scope checked, stale saves
refused, audited; `review_edits`: split, merge, a plan's own facts, deleting a draft;
`confirmations`: what activation, closing and rejecting on a live plan will change, said
first), revised versions (`revisions`), items and their refs (`items`), plans
as the edges read them (`plans`), units (`units`), the agency directory (`agencies`;
`directory` for signed-in people), the cascade of documents (`cascade`), target links
(`links`) and the fields of tasks stored before tasks had one (`task_fields`).
"""

__all__ = ["agencies", "cascade", "confirmations", "directory", "extracting", "importing",
           "items", "links", "plans", "review_decisions", "review_edits", "review_guarded",
           "revisions", "task_fields", "units", "uploads"]
