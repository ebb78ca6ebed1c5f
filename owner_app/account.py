"""Signing in and out of the owner app, without Qt: who is signed in, which stores they see, what they may do.

The refresh token lives in the OS keyring (core.tokens.TokenStore); the server address and e-mail are not
secrets and are kept with the other UI preferences. These functions block on the network, so the window
runs them on a worker thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from core.client.api import ApiClient
from core.client.errors import AuthError
from core.schemas.auth import Principal
from core.schemas.common import Role
from core.schemas.stores import StoreOut
from core.tokens import ServiceName, TokenStorageUnavailable, TokenStore

log = logging.getLogger("autostore.owner.account")

TOKEN_SERVICE: ServiceName = "autostore-owner"  # noqa: S105 - the keyring service name, not a secret
TOKEN_ACCOUNT = "user"  # noqa: S105 - the keyring account name


@dataclass(frozen=True)
class Permissions:
    """What the signed-in role may change; reading is allowed wherever the backend lets the role in."""

    edit_stock: bool
    edit_prices: bool
    edit_products: bool
    manage_devices: bool
    compare_brand: bool

    @classmethod
    def for_role(cls, role: Role) -> Permissions:
        owner = role == Role.owner
        return cls(
            edit_stock=role in (Role.owner, Role.staff),
            edit_prices=owner,
            edit_products=owner,
            manage_devices=owner,
            compare_brand=owner,
        )


@dataclass(frozen=True)
class Account:
    """The signed-in person and their stores, as loaded once after sign-in."""

    principal: Principal
    stores: list[StoreOut]
    permissions: Permissions = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "permissions", Permissions.for_role(self.principal.role))

    @property
    def role(self) -> Role:
        return self.principal.role

    def store(self, store_id: int | None) -> StoreOut | None:
        return next((s for s in self.stores if s.id == store_id), None)


def token_store() -> tuple[TokenStore | None, str]:
    """The keyring store for this app, or (None, why) when the machine has no usable keyring: the user can
    still sign in, but is asked again next time rather than the token being written in plaintext."""
    store = TokenStore(TOKEN_SERVICE, TOKEN_ACCOUNT)
    try:
        store.ensure_available()
    except TokenStorageUnavailable as exc:
        log.warning("sign-in will not be remembered: %s", exc)
        return None, str(exc)
    return store, ""


def make_client(server_url: str, tokens: TokenStore | None, timeout_s: float = 10.0) -> ApiClient:
    return ApiClient(server_url, token_store=tokens, timeout=(3.05, timeout_s), max_retries=1)


def load_account(client: ApiClient) -> Account:
    return Account(client.me(), sorted(client.stores(), key=lambda s: s.id))


def sign_in(
    server_url: str, email: str, password: str, tokens: TokenStore | None
) -> tuple[ApiClient, Account]:
    """Log in and load who we are and which stores we see. The refresh token goes to the keyring."""
    client = make_client(server_url, tokens)
    try:
        client.login(email, password)
        if tokens is not None:
            tokens.set_server_url(client.base_url)
        return client, load_account(client)
    except BaseException:
        client.close()
        raise


def saved_server(tokens: TokenStore | None) -> str | None:
    """The server of a remembered sign-in, or None when nobody stays signed in on this machine."""
    if tokens is None:
        return None
    try:
        if tokens.refresh_token and tokens.server_url:
            return tokens.server_url
    except TokenStorageUnavailable:
        return None
    return None


def resume(tokens: TokenStore) -> tuple[ApiClient, Account]:
    """Continue a remembered sign-in (the refresh token is traded for an access token on the first call).

    Raises AuthError when the server ended it (then the token is forgotten), NetworkError when offline.
    """
    server = saved_server(tokens)
    if server is None:
        raise LookupError("no remembered sign-in")
    client = make_client(server, tokens)
    try:
        return client, load_account(client)
    except AuthError:
        client.close()
        tokens.clear()  # the server ended this sign-in: asking again beats failing on every start
        raise
    except BaseException:
        client.close()
        raise


def sign_out(client: ApiClient) -> None:
    """End the sign-in on the server when it answers, and on this machine always."""
    try:
        client.logout()
    finally:
        if client.token_store is not None:
            client.token_store.set_server_url(None)
        client.close()
