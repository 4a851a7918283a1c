from django.apps import AppConfig


class UserSessionsConfig(AppConfig):
    # A label of its own: the model's table is user_sessions_usersession,
    # beside Django's django_session, never instead of it.
    name = "sessions_demo.user_sessions"
    label = "user_sessions"
    verbose_name = "Sessions with a user column"
