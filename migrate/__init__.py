"""aoai-migrate: the application (discovery, I/O, running transforms, reporting)."""
