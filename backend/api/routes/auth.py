"""Routes: sign-in, token refresh, logout and who-am-I."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from backend.api.deps import Caller, State
from backend.services import auth as auth_service
from core.schemas.auth import LogoutRequest, Principal, RefreshRequest, TokenPair
from core.schemas.common import ErrorResponse

router = APIRouter(prefix="/auth", tags=["auth"])
_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}


def client_host(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login", responses=_ERRORS)
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, state: State) -> TokenPair:
    """OAuth2 password form: `username` is the e-mail address."""
    return auth_service.login(state, form.username, form.password, client_host(request))


@router.post("/refresh", responses=_ERRORS)
def refresh(body: RefreshRequest, state: State) -> TokenPair:
    return auth_service.refresh(state, body.refresh_token, body.retry_key)


@router.post("/logout", status_code=204, response_class=Response)
def logout(body: LogoutRequest, state: State) -> Response:
    auth_service.logout(state, body.refresh_token)
    return Response(status_code=204)


@router.get("/me", responses=_ERRORS)
def me(caller: Caller) -> Principal:
    return Principal(
        kind=caller.kind,
        id=caller.id,
        role=caller.role,
        brand_id=caller.brand_id,
        store_ids=sorted(caller.store_ids),
        display_name=caller.display_name,
    )
