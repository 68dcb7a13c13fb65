"""The HTTP service: settings, the Starlette app and the `sir` command."""
