"""A brand's people: owners list and create staff and support users and assign support users to stores.

A support user may serve stores of several brands (an outside support company); an owner only ever sees
and changes the assignments to stores of their own brand.
"""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from backend.db.models import Store, SupportAssignment, User
from backend.errors import ApiError, conflict, not_found
from backend.security import hash_password
from backend.services.auth import normalise_email
from core.schemas.auth import UserCreate, UserOut
from core.schemas.common import Role


def brand_store_ids(session: Session, brand_id: int) -> set[int]:
    return set(session.scalars(select(Store.id).where(Store.brand_id == brand_id)))


def list_brand_users(session: Session, brand_id: int) -> list[UserOut]:
    """Users of the brand, plus support users from elsewhere who serve one of its stores."""
    stores = brand_store_ids(session, brand_id)
    serving = select(SupportAssignment.user_id).where(SupportAssignment.store_id.in_(stores))
    users = session.scalars(
        select(User).where(or_(User.brand_id == brand_id, User.id.in_(serving))).order_by(User.id)
    ).all()
    return [_user_out(session, user, stores) for user in users]


def create_user(session: Session, brand_id: int, body: UserCreate) -> UserOut:
    stores = brand_store_ids(session, brand_id)
    if body.role not in (Role.staff, Role.support):
        raise _invalid("role", "An owner can create staff and support users only.")
    if body.role == Role.staff:
        if body.store_id is None:
            raise _invalid("store_id", "A staff member needs the store they work at.")
        if body.store_id not in stores:
            raise not_found("store")
        if body.assigned_store_ids:
            raise _invalid("assigned_store_ids", "Staff work at one store; use store_id.")
    else:
        if body.store_id is not None:
            raise _invalid("store_id", "Support users are assigned to stores with assigned_store_ids.")
        if not set(body.assigned_store_ids) <= stores:
            raise not_found("store")
    email = normalise_email(body.email)
    if session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise conflict("email_taken", "A user with this e-mail address already exists.")
    user = User(
        email=email,
        password_hash=hash_password(body.password),
        full_name=body.full_name,
        role=body.role.value,
        brand_id=brand_id,
        store_id=body.store_id,
        is_active=True,
    )
    session.add(user)
    session.flush()
    for store_id in sorted(set(body.assigned_store_ids)):
        session.add(SupportAssignment(user_id=user.id, store_id=store_id))
    session.flush()
    return _user_out(session, user, stores)


def set_support_stores(session: Session, brand_id: int, user_id: int, store_ids: list[int]) -> UserOut:
    """Replace the support user's assignments within the brand; other brands' assignments stay."""
    stores = brand_store_ids(session, brand_id)
    user = session.get(User, user_id)
    if user is None or not _visible_to_brand(session, user, brand_id, stores):
        raise not_found("user")
    if user.role != Role.support:
        raise _invalid("store_ids", "Only support users are assigned to stores; staff have one store.")
    wanted = set(store_ids)
    if not wanted <= stores:
        raise not_found("store")
    session.execute(
        delete(SupportAssignment).where(
            SupportAssignment.user_id == user.id, SupportAssignment.store_id.in_(stores)
        )
    )
    for store_id in sorted(wanted):
        session.add(SupportAssignment(user_id=user.id, store_id=store_id))
    session.flush()
    return _user_out(session, user, stores)


def _visible_to_brand(session: Session, user: User, brand_id: int, stores: set[int]) -> bool:
    if user.brand_id == brand_id:
        return True
    assigned = session.scalar(
        select(func.count())
        .select_from(SupportAssignment)
        .where(SupportAssignment.user_id == user.id, SupportAssignment.store_id.in_(stores))
    )
    return bool(assigned)


def _user_out(session: Session, user: User, brand_stores: set[int]) -> UserOut:
    assigned = session.scalars(
        select(SupportAssignment.store_id)
        .where(SupportAssignment.user_id == user.id, SupportAssignment.store_id.in_(brand_stores))
        .order_by(SupportAssignment.store_id)
    ).all()
    return UserOut(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=Role(user.role),
        brand_id=user.brand_id,
        store_id=user.store_id,
        is_active=user.is_active,
        created_at=user.created_at,
        assigned_store_ids=list(assigned),
    )


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "validation_error", message, [{"field": field, "message": message}])
