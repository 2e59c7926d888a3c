"""The web app: one factory (`create_app`), a module per kind of page under `routes/`."""

from mi_sim.web.app import create_app

__all__ = ["create_app"]
