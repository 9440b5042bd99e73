"""Accounts: roles (Django groups), a person's link to an organization or a funder, log-in, home page."""
