from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class SessionsDemoConfig(AppConfig):
    name = "sessions_demo"
    verbose_name = "Django Sessions, live"

    def ready(self) -> None:
        # The SQLite file and the file engine's folder live under var/; make sure
        # both parents exist before the first migrate or the first file session.
        Path(settings.SESSION_FILE_PATH).mkdir(parents=True, exist_ok=True)
