"""
The pages: the table of contents and every lesson's page, built from the
course outline around the lesson's try-it, and the 503 page of a failed store.
"""
