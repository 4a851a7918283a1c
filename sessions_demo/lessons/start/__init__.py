"""Start: what a session is, and what switches sessions on in a project."""
