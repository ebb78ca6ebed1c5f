"""Routes: the card payments adapter. A kiosk authorises a card before it posts the order."""

from __future__ import annotations

from fastapi import APIRouter, Response

from backend.api.deps import Caller, State, require_roles
from backend.errors import error_responses
from backend.services import payments
from core.schemas.common import Role
from core.schemas.payments import AuthorizeRequest, PaymentOut

router = APIRouter(tags=["payments"])
_ERRORS = error_responses(403, 404, 409, 422)


@router.post(
    "/payments/authorize",
    status_code=201,
    response_model=PaymentOut,
    responses={**_ERRORS, 200: {"model": PaymentOut, "description": "A replay: the stored result"}},
)
def authorize(body: AuthorizeRequest, state: State, caller: Caller) -> Response:
    """Authorise a card. A declined card is a normal answer (status `declined`), not an HTTP error.
    Replaying a payment id returns the stored result (200) and never charges twice."""
    require_roles(caller, Role.kiosk)
    (store_id,) = caller.store_ids
    out, created = payments.authorize(state.db, state.payments, store_id, body)
    return Response(out.model_dump_json(), status_code=201 if created else 200, media_type="application/json")
