"""
`manage.py cleardemousers`: delete the demo users made over a day ago, with
their user_db sessions, as `clearsessions` deletes expired sessions.

Making a demo user does it too (lessons/beyond/demo_users.py); run this from
cron where nobody may make one for a while.
"""

from django.core.management.base import BaseCommand

from ...lessons.beyond import demo_users


class Command(BaseCommand):
    help = "Delete the demo users made over a day ago, with their sessions."

    def handle(self, *args, **options) -> None:
        deleted = demo_users.delete_expired()
        self.stdout.write(f"Deleted {deleted} demo user(s) made over a day ago.")
