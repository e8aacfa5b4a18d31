"""Web pages: Jinja2 templates (autoescaped) and the static files they use, served by the API app."""
