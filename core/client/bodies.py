"""Turning responses into schema models, and keyword filters into query parameters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, TypeAdapter

from core.schemas.common import Page

M = TypeVar("M", bound=BaseModel)
_LIST_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def model(response: requests.Response, cls: type[M]) -> M:
    return cls.model_validate_json(response.content)


def model_list(response: requests.Response, cls: type[M]) -> list[M]:
    adapter = _LIST_ADAPTERS.get(cls)
    if adapter is None:
        adapter = _LIST_ADAPTERS[cls] = TypeAdapter(list[cls])  # type: ignore[valid-type]
    result: list[M] = adapter.validate_json(response.content)
    return result


def page(response: requests.Response, cls: type[M]) -> Page[M]:
    parsed: Page[M] = Page[cls].model_validate_json(response.content)  # type: ignore[valid-type]
    return parsed


def params(**values: Any) -> dict[str, str]:
    """Query parameters without those left as None; dates, enums and booleans as the backend reads them."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, date | datetime):
            out[key] = value.isoformat()
        else:
            out[key] = str(getattr(value, "value", value))
    return out
