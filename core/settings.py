"""Client settings (kiosk and owner app): a JSON file in the per-user config directory, AUTOSTORE_* env vars
on top. Unknown keys are rejected so a typo never silently does nothing; a corrupt or invalid file is moved
aside as ``<name>.corrupt`` and the app starts on defaults with a warning, because a kiosk that refuses to
boot over a settings file is worse than one that boots on defaults and says so.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_config_dir, user_data_dir
from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

log = logging.getLogger("autostore.settings")

APP_DIR_NAME = "autostore"
SETTINGS_FILE_NAME = "client-settings.json"


def default_settings_path() -> Path:
    return Path(user_config_dir(APP_DIR_NAME, appauthor=False)) / SETTINGS_FILE_NAME


def default_client_data_dir() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / "client"


class ClientSettings(BaseSettings):
    """What a user or installer sets on one machine. Remote kiosk settings are `KioskConfig`, not these."""

    model_config = SettingsConfigDict(env_prefix="AUTOSTORE_", extra="forbid", validate_assignment=True)

    server_url: str = Field(default="http://127.0.0.1:8700", pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    language: Literal["ko", "en"] = "ko"
    theme: Literal["light", "dark", "high_contrast"] = "light"
    data_dir: Path = Field(default_factory=default_client_data_dir)
    sensor_url: str = Field(default="sim:", description="serial:///dev/ttyACM0?baud=9600 or sim:")
    card_reader_url: str = Field(default="sim:", description="pcsc:, pcsc:READER NAME or sim:")
    camera_url: str = Field(default="sim:", description="0, rtsp://..., file:///clip.mp4 or sim:")
    models_dir: Path | None = None
    fullscreen: bool = False
    demo_mode: bool = False
    request_timeout_s: float = Field(default=10.0, gt=0, le=120)
    sync_interval_s: float = Field(default=5.0, gt=0, le=3600)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's values arrive as init arguments; the environment must win over them.
        return (env_settings, init_settings)


class _FileOnlySettings(ClientSettings):
    """The same fields validated from the file's values alone, without the environment."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def _from_file_only(values: dict[str, Any]) -> ClientSettings:
    checked = _FileOnlySettings(**values)
    return ClientSettings.model_construct(**dict(checked))


def _move_aside(path: Path) -> Path | None:
    target = path.with_name(path.name + ".corrupt")
    try:
        os.replace(path, target)
    except OSError:
        log.exception("could not move the bad settings file %s aside", path)
        return None
    return target


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def _read_file(path: Path, warnings: list[str]) -> dict[str, Any]:
    """The file's values if it is a valid settings file; else {} and the file moved aside."""
    if not path.exists():
        return {}
    problem = ""
    data: Any = None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem = f"it could not be read as JSON ({exc})"
    if not problem and not isinstance(data, dict):
        problem = "it does not hold a JSON object"
    if not problem:
        try:
            _FileOnlySettings(**data)
        except ValidationError as exc:
            problem = f"it has invalid or unknown settings ({_describe(exc)})"
    if not problem:
        assert isinstance(data, dict)
        return data
    kept = _move_aside(path)
    where = f"; the bad file was kept as {kept}" if kept else ""
    warnings.append(f"Settings file {path} was ignored because {problem}. Using defaults{where}.")
    return {}


def load_client_settings(path: Path | None = None) -> tuple[ClientSettings, list[str]]:
    """Settings from `path` (default: the per-user config file) and AUTOSTORE_* env vars, plus warnings.

    Never raises for bad input: a bad file or a bad env var gives defaults and a warning to show the user.
    """
    path = path or default_settings_path()
    warnings: list[str] = []
    file_values = _read_file(path, warnings)
    try:
        settings = ClientSettings(**file_values)
    except ValidationError as exc:
        warnings.append(
            f"Some AUTOSTORE_* environment variables are not valid and were ignored: {_describe(exc)}"
        )
        settings = _from_file_only(file_values)
    for message in warnings:
        log.warning("%s", message)
    return settings, warnings


def save_client_settings(settings: ClientSettings, path: Path | None = None) -> Path:
    """Write atomically (temp file + rename), so a crash mid-save never leaves half a file behind."""
    path = path or default_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path
