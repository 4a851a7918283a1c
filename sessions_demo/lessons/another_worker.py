"""
Another worker: a second Python process with the same settings, started to
answer one question, as a second gunicorn worker would.

Local-memory caches live inside one process. A site served by several
processes (gunicorn's workers) gives each its own memory, so a session that
one worker stored in local memory is not there for the others. Run as
`python -m sessions_demo.lessons.another_worker <alias> <key>`, this module
prints what that process finds under the key, as JSON.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

ANSWER_SECONDS = 20


def read_cache(alias: str, key: str) -> object:
    """Return what a fresh process finds in caches[alias] under key."""
    result = subprocess.run(
        [sys.executable, "-m", __name__, alias, key],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", **os.environ},
        capture_output=True,
        text=True,
        timeout=ANSWER_SECONDS,
        check=True,
    )
    return json.loads(result.stdout)


def main(alias: str, key: str) -> None:
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.serializers.json import DjangoJSONEncoder

    print(json.dumps(caches[alias].get(key), cls=DjangoJSONEncoder))


if __name__ == "__main__":
    main(*sys.argv[1:3])
