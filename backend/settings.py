"""Backend settings from the environment (prefix AUTOSTORE_) or a .env file; unknown keys are rejected."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-autostore-default-secret"  # noqa: S105 - the sentinel we refuse to run with


def default_data_dir() -> Path:
    return Path(user_data_dir("autostore", appauthor=False))


class BackendSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUTOSTORE_", extra="ignore", env_file=None)

    database_url: str = Field(default="", description="SQLAlchemy URL; empty: SQLite in the data directory")
    data_dir: Path = Field(default_factory=default_data_dir)
    secret_key: str = Field(default=DEFAULT_SECRET, min_length=16)
    demo_mode: bool = False
    access_token_ttl_s: int = Field(default=15 * 60, ge=30, le=3600)
    refresh_token_ttl_days: int = Field(default=30, ge=1, le=365)
    device_refresh_token_ttl_days: int = Field(default=365, ge=1, le=3650)
    activation_code_ttl_s: int = Field(default=10 * 60, ge=30, le=24 * 3600)
    activation_max_failures: int = Field(default=5, ge=1)
    activation_lockout_s: int = Field(default=15 * 60, ge=1)
    sqlite_synchronous: str = Field(default="FULL", pattern="^(OFF|NORMAL|FULL|EXTRA)$")
    sse_keepalive_s: float = Field(default=15.0, gt=0)
    sse_poll_s: float = Field(default=1.0, gt=0)
    device_online_window_s: int = Field(default=120, ge=10)
    clips_dir: Path | None = None
    alert_retention_days: int = Field(default=30, ge=1, le=3650, description="Days alert media is kept")
    alert_clip_max_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    alert_snapshot_max_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> BackendSettings:
        if self.secret_key == DEFAULT_SECRET and not self.demo_mode:
            raise ValueError(
                "AUTOSTORE_SECRET_KEY is still the default. Set a long random secret "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`), "
                "or run with AUTOSTORE_DEMO_MODE=1 for the demo."
            )
        return self

    @property
    def effective_clips_dir(self) -> Path:
        return self.clips_dir if self.clips_dir is not None else self.data_dir / "clips"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'autostore.db'}"
