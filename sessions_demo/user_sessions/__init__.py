"""
The course's own session engine: Django's database engines on a model that
records whose session each row is.

This is the example of Django's docs ("Extending database-backed session
engines") built for real: a model on AbstractBaseSession with a user column,
and SessionStore classes that fill it. With that column a site can list a
user's sessions and end all of them ("sign out everywhere"), which Django's
own django_session table cannot: it only knows keys and encoded data.
"""
