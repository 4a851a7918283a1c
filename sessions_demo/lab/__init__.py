"""
The lab: a per-visitor switcher for the session engine and every session
setting. Django reads session settings globally, so a visitor's choice can't go
into `settings`; it lives in a profile of its own, carried in a signed cookie.
"""
