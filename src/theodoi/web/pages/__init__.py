"""The HTML pages: server-rendered Jinja2, htmx for the review actions."""
