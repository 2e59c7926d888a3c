"""The app as uvicorn builds it: `uvicorn --factory mi_sim.web.asgi:app_factory`.

A factory (not a module-level app) so that each worker process builds its own app, settings
and database engine from the environment (`MI_SIM_*`) after it has started.
"""

from __future__ import annotations

from fastapi import FastAPI

from mi_sim.config import Settings
from mi_sim.web.app import create_app


def app_factory() -> FastAPI:
    return create_app(Settings())
