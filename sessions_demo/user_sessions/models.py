"""
The session model: Django's three columns, plus whose session it is and when
the row was created.

AbstractBaseSession brings `session_key`, `session_data` and `expire_date`,
the manager, and `get_decoded()`. The user column is what Django's own table
lacks: "every session of this user" becomes one indexed query.
"""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone

# What an update writes. The engine builds a fresh model instance for every
# save (create_model_instance), so an update must leave `created` alone.
UPDATED_FIELDS = ("session_data", "expire_date", "user")


class UserSession(AbstractBaseSession):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,  # an anonymous visitor's session has no user
        on_delete=models.CASCADE,  # a deleted user's sessions go with them
        # No constraint in the database: a session naming a user id that is
        # not (or no longer) in auth_user still saves, as in django_session.
        db_constraint=False,
        related_name="sessions",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = "user session"
        verbose_name_plural = "user sessions"

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from .db import SessionStore  # the engine imports this model

        return SessionStore

    def save(self, **kwargs) -> None:
        """Save the row; an update keeps the `created` of the first save."""
        if kwargs.get("force_update") and not kwargs.get("update_fields"):
            kwargs["update_fields"] = UPDATED_FIELDS
        super().save(**kwargs)
