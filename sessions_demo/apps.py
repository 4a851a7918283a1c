from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class SessionsDemoConfig(AppConfig):
    name = "sessions_demo"
    verbose_name = "Django Sessions, live"

    def ready(self) -> None:
        # The SQLite file and the file engine's folders (the project's and the
        # lab's) live under var/; make sure they exist before the first migrate
        # or the first file session.
        for folder in [settings.SESSION_FILE_PATH, *settings.LAB_SESSION_FILE_PATHS]:
            Path(folder).mkdir(parents=True, exist_ok=True)
