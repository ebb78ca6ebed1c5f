"""Authentication: tokens, the current principal, users."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas.common import Role, WireModel


class TokenPair(WireModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_token: str


class RefreshRequest(WireModel):
    refresh_token: str
    retry_key: str | None = Field(
        default=None,
        min_length=16,
        max_length=128,
        description="A random key the client keeps until the answer arrives; sent again with the same "
        "refresh token, it recovers a rotation whose answer was lost instead of ending the sign-in",
    )


class LogoutRequest(WireModel):
    refresh_token: str


class Principal(WireModel):
    """Who is calling, as the backend sees it (`GET /api/v1/auth/me`)."""

    kind: str = Field(description="'user' or 'device'")
    id: str
    role: Role
    brand_id: int | None
    store_ids: list[int]
    display_name: str


class UserOut(WireModel):
    id: int
    email: str
    full_name: str
    role: Role
    brand_id: int | None
    store_id: int | None
    is_active: bool
    created_at: datetime
    assigned_store_ids: list[int] = Field(
        default_factory=list, description="Support users: the stores they serve (within the caller's brand)"
    )


class UserCreate(WireModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254)
    password: str = Field(min_length=10, max_length=200)
    full_name: str = Field(min_length=1, max_length=120)
    role: Role
    store_id: int | None = None
    assigned_store_ids: list[int] = Field(default_factory=list)


class StoreAssignmentUpdate(WireModel):
    """`PUT /api/v1/users/{id}/stores`: the full set of the brand's stores a support user serves."""

    store_ids: list[int] = Field(default_factory=list, max_length=500)
