"""
Store several: `request.session.update(mapping)`.

Like a dictionary's update(): every pair is stored in one call, existing keys
are overwritten and the rest kept. It marks the session modified even when
the mapping is empty.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import UpdateForm
from ..tryit import Outcome, form_input


@require_POST
@form_input(UpdateForm)
def update(request: HttpRequest, values: dict[str, object]) -> Outcome:
    """Store every pair of values at once."""
    request.session.update(values)
    return Outcome(f"request.session.update({values!r})")
