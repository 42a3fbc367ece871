"""The HTTP API: routers per area, auth, the error shape and request/response models."""
