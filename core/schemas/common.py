"""Shared building blocks of the wire schemas."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class WireModel(BaseModel):
    """Base for every request and response body: unknown keys are rejected, enums travel as strings."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, from_attributes=True)


Money = Annotated[int, Field(ge=0, description="Amount in integer minor units of the currency (KRW: won)")]
Currency = Annotated[str, Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")]
UtcDatetime = datetime


class Role(StrEnum):
    owner = "owner"
    staff = "staff"
    support = "support"
    kiosk = "kiosk"
    vision = "vision"


class Page(WireModel, Generic[T]):
    items: list[T]
    total: int
    offset: int = 0
    limit: int = 100


class ErrorDetail(WireModel):
    field: str | None = None
    message: str


class ErrorBody(WireModel):
    code: str = Field(description="Stable machine-readable code, e.g. 'not_found', 'otp_locked'")
    message: str = Field(description="Human-readable message, safe to show")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(WireModel):
    """The one error shape every failing request returns."""

    error: ErrorBody
