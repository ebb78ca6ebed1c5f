"""Settings of each detector plugin; the `type` key picks it (a tagged union; unknown keys are refused)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Detector(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonConfig(_Detector):
    """People with YOLOX-Nano (ONNX), or moving blobs where no model is installed and the owner says so."""

    type: Literal["person"] = "person"
    backend: Literal["yolox", "blob"] = Field(
        default="yolox", description="blob: foreground blobs of person size, no model needed"
    )
    model: str = Field(default="yolox_nano", description="name in the models directory")
    min_score: float = Field(default=0.35, gt=0, lt=1)
    input_size: int = Field(default=416, ge=160, le=1280)
    min_height: float = Field(default=0.08, gt=0, le=1, description="blob: smallest person, frame fraction")
    max_age_s: float = Field(default=2.0, gt=0, description="a track unseen this long is dropped")
    min_hits: int = Field(default=2, ge=1, description="detections before a track counts")


class FallConfig(_Detector):
    """A tracked person whose box goes from upright to lying, then stays still."""

    type: Literal["fall"] = "fall"
    upright_ratio: float = Field(default=1.2, gt=0, description="height/width at or above: upright")
    lying_ratio: float = Field(default=0.9, gt=0, description="height/width at or below: lying")
    min_drop: float = Field(default=0.3, ge=0, lt=1, description="box height must drop by this fraction")
    transition_s: float = Field(default=3.0, gt=0, description="upright to lying within this time")
    still_s: float = Field(default=3.0, ge=0, description="then lying still for this long")
    still_motion: float = Field(
        default=0.25, gt=0, description="'still': centre moved less than this x box height"
    )


class FireSmokeConfig(_Detector):
    """Classical fire and smoke cues: colour, flicker and growth of the region. No model needed."""

    type: Literal["fire_smoke"] = "fire_smoke"
    history_s: float = Field(default=3.0, gt=0, description="flicker and growth are judged over this span")
    min_area: float = Field(default=0.002, gt=0, lt=1, description="smallest region, frame fraction")
    flicker_min: float = Field(default=0.15, ge=0, le=1, description="fire: fraction of region toggling")
    smoke_growth: float = Field(default=1.3, ge=1, description="smoke: area must grow by this factor")
    smoke: bool = True
    fire: bool = True


class ZonesConfig(_Detector):
    """Loitering (dwell over a zone's loiter_s) and after-hours intrusion in the camera's zones."""

    type: Literal["zones"] = "zones"
    intrusion_s: float = Field(default=1.0, ge=0, description="after hours: present this long")


class ClipClassifierConfig(_Detector):
    """The learned clip classifier (theft, damage, smoking; fire and fall as a second opinion)."""

    type: Literal["clip_classifier"] = "clip_classifier"
    model: str = Field(default="vision_clip", description="name in the models directory")
    frames: int = Field(default=16, ge=2, le=64, description="frames per clip")
    every_s: float = Field(default=1.0, gt=0, description="classify a clip this often during motion")
    classes: list[str] = Field(
        default_factory=lambda: ["theft", "damage", "smoking", "fire", "fall"],
        description="classes reported as events",
    )


DetectorConfig = Annotated[
    PersonConfig | FallConfig | FireSmokeConfig | ZonesConfig | ClipClassifierConfig,
    Field(discriminator="type"),
]
DETECTOR_TYPES = ("person", "fall", "fire_smoke", "zones", "clip_classifier")
