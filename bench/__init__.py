"""The performance benchmark (see README.md). Not imported by the application."""
