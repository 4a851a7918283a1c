"""
The cookie that carries a try-it's result across its redirect.

The course never writes its own notes into the session it teaches about: they
travel as Django messages in a cookie of their own (CookieStorage), which holds
at most 2048 bytes. What does not fit is dropped, oldest first, and with DEBUG
on the response fails instead ("Not all temporary messages could be stored"):
a 2 KB value echoed in a result, or two POSTs without a page between them, was
enough. This storage cuts the longest message in the middle until they all
fit; only when every message is already short are the oldest left out.
"""

from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse

from ..panel.exchange import shorten

# A message is never cut below this: shorter ones give way, oldest first.
SHORTEST = 60


class FittingCookieStorage(CookieStorage):
    """CookieStorage that shortens messages to fit its cookie, never fails."""

    def _store(
        self, messages: list[Message], response: HttpResponse, *args, **kwargs
    ) -> list[Message]:
        messages = list(messages)
        while super()._store(messages, response, *args, **kwargs):
            longest = max(messages, key=lambda message: len(str(message.message)))
            text = str(longest.message)
            if len(text) <= SHORTEST:
                break  # CookieStorage kept the newest that fit
            longest.message = shorten(text, max(SHORTEST, len(text) // 2))
        return []
