"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from backend.api.deps import State

router = APIRouter(tags=["health"])


@router.get("/health")
def health(state: State) -> dict[str, str]:
    with state.db.read() as s:
        s.execute(text("SELECT 1"))
    return {"status": "ok", "database": state.db.url.get_backend_name()}
