"""
The methods of `request.session`: one module per method, named as its page.

`request.session` is a `SessionBase`: it behaves like a dictionary, loads its
data from the engine the first time it is touched, and is saved by
SessionMiddleware when the response goes out, if it was modified.
"""
