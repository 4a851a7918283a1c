"""
The live panel: a snapshot of the visitor's session (its data, its expiry, its
cookie, and what the engine physically stored), shown beside every page, as
JSON at `/panel/`, and in the debug toolbar; plus the record of the visitor's
last HTTP exchanges, where the session settings show themselves.
"""
