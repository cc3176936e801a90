"""/api/v1/notifications/: each staff user's own notices."""
