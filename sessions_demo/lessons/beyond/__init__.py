"""Beyond: sessions outside views, and what Django checks before deployment."""
