"""Views: what the web pages and their JSON twins read, scoped to the signed-in person.

One module per screen: `home_view`, `register_view`, `review_view`, `item_view`,
`dashboard_view`, `explanation_view`, `audit_view`, `my_work` ('Việc của tôi': what a
person reports on, and whether they may record), `progress_sheet` (its Excel template
per lead agency, and the filled template back), `register_book` (the register as an
Excel workbook, and back), `cascade_view` (documents above not yet implemented, plan
links, target links), `calendar_view` (a plan's reporting calendar), `instructions_view`
(instructions given to the units below and received from above), `item_filters`
(the item kind, field, issuer and document-kind filters the register and dashboard
share), and `warm` (what a served process runs once at start: the dashboard's statements
for no unit). They read through the other capabilities and write nothing of their own.
"""

__all__ = ["audit_view", "calendar_view", "cascade_view", "dashboard_view",
           "explanation_view", "home_view", "instructions_view", "item_filters",
           "item_view", "my_work", "progress_sheet",
           "register_book", "register_view", "review_view", "warm"]
