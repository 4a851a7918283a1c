"""
Beyond the methods: sessions outside views, what Django checks before
deployment, the store and its model, serializers, logging in and out, a custom
engine, and testing code that uses sessions.
"""
