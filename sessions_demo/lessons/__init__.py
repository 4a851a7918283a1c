"""
The views that teach: one module per group of lessons, one small view per
try-it control. Each view's source is shown on its lesson page as it is here.
"""
