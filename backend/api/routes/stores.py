"""Routes: brands, stores and the brand's users (owners manage staff and support users)."""

from __future__ import annotations

from fastapi import APIRouter

from backend.api.deps import Caller, CurrentPrincipal, State, require_roles, require_store
from backend.errors import forbidden
from backend.services import stores as store_service
from backend.services import users as user_service
from core.schemas.auth import StoreAssignmentUpdate, UserCreate, UserOut
from core.schemas.common import ErrorResponse, Role
from core.schemas.stores import BrandOut, StoreCreate, StoreOut, StoreUpdate

router = APIRouter(tags=["stores"])
_ERRORS: dict[int | str, dict[str, object]] = {
    403: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
}


def _owner_brand(caller: CurrentPrincipal) -> int:
    require_roles(caller, Role.owner)
    if caller.brand_id is None or caller.kind != "user":
        raise forbidden("Only a brand's owner can do this.")
    return caller.brand_id


@router.get("/stores")
def list_stores(state: State, caller: Caller) -> list[StoreOut]:
    """The stores the caller may see: the owner's brand, the staff member's store, the support user's."""
    with state.db.read() as s:
        return store_service.list_stores(s, caller.store_ids)


@router.get("/stores/{store_id}", responses=_ERRORS)
def get_store(store_id: int, state: State, caller: Caller) -> StoreOut:
    require_store(caller, store_id)
    with state.db.read() as s:
        return StoreOut.model_validate(store_service.get_store(s, store_id))


@router.post("/stores", status_code=201, responses=_ERRORS)
def create_store(body: StoreCreate, state: State, caller: Caller) -> StoreOut:
    brand_id = _owner_brand(caller)
    with state.db.write() as s:
        out = store_service.create_store(s, brand_id, body)
        s.commit()
    state.notifier.notify()
    return out


@router.patch("/stores/{store_id}", responses=_ERRORS)
def update_store(store_id: int, body: StoreUpdate, state: State, caller: Caller) -> StoreOut:
    require_store(caller, store_id, Role.owner)
    with state.db.write() as s:
        out = store_service.update_store(s, store_service.get_store(s, store_id), body)
        s.commit()
    state.notifier.notify()
    return out


@router.get("/brands/me", responses=_ERRORS)
def my_brand(state: State, caller: Caller) -> BrandOut:
    with state.db.read() as s:
        return store_service.get_brand(s, caller.brand_id)


@router.get("/users", responses=_ERRORS)
def list_users(state: State, caller: Caller) -> list[UserOut]:
    brand_id = _owner_brand(caller)
    with state.db.read() as s:
        return user_service.list_brand_users(s, brand_id)


@router.post("/users", status_code=201, responses=_ERRORS)
def create_user(body: UserCreate, state: State, caller: Caller) -> UserOut:
    brand_id = _owner_brand(caller)
    with state.db.write() as s:
        out = user_service.create_user(s, brand_id, body)
        s.commit()
    return out


@router.put("/users/{user_id}/stores", responses=_ERRORS)
def assign_support_stores(user_id: int, body: StoreAssignmentUpdate, state: State, caller: Caller) -> UserOut:
    brand_id = _owner_brand(caller)
    with state.db.write() as s:
        out = user_service.set_support_stores(s, brand_id, user_id, body.store_ids)
        s.commit()
    return out
