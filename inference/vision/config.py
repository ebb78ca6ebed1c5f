"""The vision worker's configuration file (YAML or JSON): the store, its cameras and what to watch for.

Every model rejects unknown keys, so a typo ("cooldown_sec") fails loudly at start-up instead of being
ignored; `load_config` turns pydantic's errors into one line per problem, with the path into the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from inference.vision.config_detectors import DetectorConfig, FallConfig, PersonConfig, ZonesConfig
from inference.vision.hours import StoreHours

Point = tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConfigError(ValueError):
    """The file is missing, unreadable or invalid; the message lists every problem."""


class MotionConfig(StrictModel):
    width: int = Field(default=160, ge=32, le=640, description="motion is computed on a frame this wide")
    pixel_threshold: int = Field(default=25, ge=1, le=255, description="grey-level change that counts")
    min_area: float = Field(default=0.003, gt=0, le=1, description="changed fraction of the frame")
    hold_s: float = Field(default=2.0, ge=0, description="keep analysing this long after motion stops")
    idle_check_s: float = Field(
        default=1.0, gt=0, description="while people are tracked but still, analyse once this often"
    )


class Zone(StrictModel):
    name: str = Field(min_length=1, max_length=60)
    polygon: list[Point] = Field(min_length=3, description="corners as fractions of width and height")
    loiter_s: float | None = Field(default=None, gt=0, description="alert when someone stays this long")
    after_hours: bool = Field(default=True, description="alert on anyone here while the store is closed")


class CameraConfig(StrictModel):
    name: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")
    source: int | str = Field(description="device index, video file path, or rtsp:// / http:// URL")
    substream: str | None = Field(default=None, description="a low-resolution stream to analyse instead")
    fps: float = Field(default=5.0, gt=0, le=30, description="frames analysed per second")
    width: int = Field(default=320, ge=64, le=1920, description="frames are analysed at this width")
    realtime: bool = Field(default=True, description="files: play at their own rate (False: flat out)")
    loop: bool = Field(default=False, description="files: start again at the end")
    roi: tuple[float, float, float, float] | None = Field(
        default=None, description="crop [x0, y0, x1, y1] in fractions, e.g. one half of a split view"
    )
    motion: MotionConfig = MotionConfig()
    detectors: list[DetectorConfig] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list)

    @field_validator("roi")
    @classmethod
    def _roi_inside_frame(cls, roi: tuple[float, float, float, float] | None) -> Any:
        if roi is not None:
            x0, y0, x1, y1 = roi
            if not (0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1):
                raise ValueError("roi must be [x0, y0, x1, y1] with 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1")
        return roi

    @model_validator(mode="after")
    def _detectors_have_what_they_need(self) -> CameraConfig:
        kinds = [d.type for d in self.detectors]
        duplicates = sorted({k for k in kinds if kinds.count(k) > 1})
        if duplicates:
            raise ValueError(f"detector listed twice: {', '.join(duplicates)}")
        needs_people = [d.type for d in self.detectors if isinstance(d, FallConfig | ZonesConfig)]
        if needs_people and not any(isinstance(d, PersonConfig) for d in self.detectors):
            raise ValueError(f"{', '.join(needs_people)} needs a 'person' detector on the same camera")
        if any(isinstance(d, ZonesConfig) for d in self.detectors) and not self.zones:
            raise ValueError("the 'zones' detector needs at least one zone")
        return self


class EventsConfig(StrictModel):
    window: int = Field(default=5, ge=1, le=100, description="N: recent evaluations considered")
    hits: int = Field(default=3, ge=1, le=100, description="K: how many of the N must be above threshold")
    cooldown_s: float = Field(default=120.0, ge=0, description="one incident is one alert")
    pre_s: float = Field(default=3.0, ge=0, le=30, description="clip seconds before the detection")
    post_s: float = Field(default=3.0, ge=0, le=30, description="clip seconds after the detection")
    notify_before_clip: bool = Field(
        default=True,
        description="send the alert with its snapshot at once and the clip after it (False: one upload, "
        "post_s later, for a backend that takes media only with an alert's first upload)",
    )
    thresholds: dict[str, float] = Field(
        default_factory=dict, description="per-class score threshold (default 0.5)"
    )

    @model_validator(mode="after")
    def _hits_fit_window(self) -> EventsConfig:
        if self.hits > self.window:
            raise ValueError(f"hits ({self.hits}) cannot exceed window ({self.window})")
        return self


class BackendConfig(StrictModel):
    url: str = Field(pattern=r"^https?://", description="the AutoStore backend, e.g. http://10.0.0.2:8700")
    token_file: Path = Field(description="device token from `autostore vision activate` (mode 0600)")
    health_every_s: float = Field(default=30.0, gt=0)


class VisionConfig(StrictModel):
    store: StoreHours = StoreHours()
    models_dir: Path | None = Field(default=None, description="default: the user's AutoStore models dir")
    queue_dir: Path = Field(description="alerts wait here until the backend has them")
    backend: BackendConfig | None = Field(default=None, description="absent: alerts stay in the queue")
    events: EventsConfig = EventsConfig()
    processes: int = Field(default=1, ge=1, le=16, description="child processes sharing the cameras")
    watchdog_stall_s: float = Field(default=10.0, gt=0, description="restart a reader silent this long")
    cameras: list[CameraConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_camera_names(self) -> VisionConfig:
        names = [c.name for c in self.cameras]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"camera name used twice: {', '.join(duplicates)}")
        return self


def _location(loc: tuple[int | str, ...], tags: set[str]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in tags:
            continue  # the discriminated-union tag pydantic inserts: the user never wrote it
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def describe_errors(error: ValidationError) -> list[str]:
    """One readable line per problem: 'cameras[0].detectors[1].colour: unknown key'."""
    from inference.vision.config_detectors import DETECTOR_TYPES

    lines = []
    for item in error.errors():
        where = _location(tuple(item["loc"]), set(DETECTOR_TYPES))
        if item["type"] == "extra_forbidden":
            lines.append(f"{where}: unknown key (check the spelling; see the example config)")
        elif item["type"] == "union_tag_invalid":
            lines.append(f"{where}: unknown detector type; use one of {', '.join(DETECTOR_TYPES)}")
        else:
            lines.append(f"{where}: {item['msg']}")
    return lines


def parse_config(data: Any, origin: str = "config") -> VisionConfig:
    try:
        return VisionConfig.model_validate(data)
    except ValidationError as exc:
        problems = "\n  ".join(describe_errors(exc))
        raise ConfigError(f"{origin} is invalid:\n  {problems}") from None


def load_config(path: Path) -> VisionConfig:
    """Read a .yaml/.yml or .json file; relative paths inside are taken relative to the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:  # yaml.YAMLError and json.JSONDecodeError both say where
        raise ConfigError(f"{path} is not valid {path.suffix.lstrip('.').upper() or 'JSON'}: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping at the top level")
    return resolve_paths(parse_config(data, str(path)), path.parent)


def resolve_paths(config: VisionConfig, base: Path) -> VisionConfig:
    def under(p: Path | None) -> Path | None:
        return None if p is None else p if p.is_absolute() else (base / p)

    updates: dict[str, Any] = {"queue_dir": under(config.queue_dir), "models_dir": under(config.models_dir)}
    if config.backend is not None:
        updates["backend"] = config.backend.model_copy(
            update={"token_file": under(config.backend.token_file)}
        )
    cameras = []
    for camera in config.cameras:
        source = camera.source
        if isinstance(source, str) and "://" not in source and not Path(source).is_absolute():
            source = str(base / source)
        cameras.append(camera.model_copy(update={"source": source}))
    updates["cameras"] = cameras
    return config.model_copy(update=updates)
