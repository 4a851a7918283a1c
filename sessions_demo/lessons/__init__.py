"""
The views that teach: the try-it of every lesson, as plain as the guide's.

A lesson's module is named after its URL: `/methods/set-expiry/` runs
`methods/set_expiry.py`. The engine pages share `engines.py`, the setting
pages `settings.py`. Each view's source is shown on its page as it is here;
validation and plumbing live in `forms.py` and `tryit.py`.
"""
