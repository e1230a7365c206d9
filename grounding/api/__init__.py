"""The verification HTTP service (`groundqa serve`).

Import the pieces from their modules (`grounding.api.app.create_app`, `grounding.api.server.serve`):
this package module stays empty so the typed client can use `grounding.api.schemas` without
importing FastAPI or the models.
"""
