"""
The debug toolbar's Templates panel, recording its own request's templates only.

django-debug-toolbar's TemplatesPanel listens to Django's `template_rendered`
signal, which every thread sends to every listener. While two requests ran at
once, each panel recorded the other's templates with their context, and read
the other's lazy values from its own thread: one visitor's toolbar showed
another's session, and another request's CSRF token was worked out twice at
once, so its page and its cookie got different secrets (a 403 on the next
POST; 8 of 160 simultaneous first visits). This panel keeps to the templates
rendered on its own request's thread or task, like the toolbar's CachePanel,
and shows a context nested too deep to print as a note rather than a 500.
"""

from typing import Any

from asgiref.local import Local
from debug_toolbar.panels.templates import TemplatesPanel

TOO_DEEP = "<<nested too deeply to print>>"


class OwnTemplatesPanel(TemplatesPanel):
    """TemplatesPanel that records only the templates of its own request."""

    _context_locals = Local()

    def enable_instrumentation(self) -> None:
        self._context_locals.current_instance = self
        super().enable_instrumentation()

    def disable_instrumentation(self) -> None:
        super().disable_instrumentation()
        self._context_locals.current_instance = None

    def _store_template_info(self, sender: Any, **kwargs: Any) -> None:
        if getattr(self._context_locals, "current_instance", None) is self:
            super()._store_template_info(sender, **kwargs)

    def process_context_list(self, context_layers: list) -> list[str]:
        shown = []
        for layer in context_layers:
            try:
                shown += super().process_context_list([layer])
            except RecursionError:
                shown.append(TOO_DEEP)
        return shown
