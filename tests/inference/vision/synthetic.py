"""Synthetic CCTV clips drawn in the tests: a textured floor with a person-sized box, flames or smoke.

Frames are BGR 320x180 (the worker's analysis size) at 5 fps unless said otherwise, with a little camera
noise so motion detection has something to ignore.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from inference.vision.frames import VideoFrame

W, H, FPS = 320, 180, 5.0


def background(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    floor = np.tile(np.linspace(110, 160, W, dtype=np.float32), (H, 1))
    floor += rng.normal(0, 4, (H, W)).astype(np.float32)
    image = np.clip(np.stack([floor * 0.9, floor, floor * 1.05], axis=-1), 0, 255).astype(np.uint8)
    cv2.rectangle(image, (20, 20), (70, 90), (40, 60, 90), -1)  # a shelf, so the scene is not uniform
    return image


def noisy(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noise = rng.integers(-3, 4, image.shape)
    out: np.ndarray = np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return out


def frames(images: list[np.ndarray], start: datetime | None = None, fps: float = FPS) -> Iterator[VideoFrame]:
    start = start or datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    for i, image in enumerate(images):
        yield VideoFrame(image, i / fps, start + timedelta(seconds=i / fps))


def person_box(
    image: np.ndarray, box: tuple[int, int, int, int], colour: tuple[int, int, int] = (90, 40, 30)
) -> None:
    x0, y0, x1, y1 = box
    cv2.rectangle(image, (x0, y0), (x1, y1), colour, -1)
    cv2.rectangle(image, (x0, y0), (x1, y1), (20, 20, 20), 1)


def toppling_box(get_up: bool = False, seconds_down: float = 6.0, seed: int = 1) -> list[np.ndarray]:
    """1 s empty, a person-sized box walks in and stands, topples in 0.4 s, then lies still (or gets up)."""
    rng = np.random.default_rng(seed)
    base = background()
    out = [noisy(base, rng) for _ in range(5)]
    for step in range(8):  # walks in from the left
        image = base.copy()
        x = 40 + step * 12
        person_box(image, (x, 90, x + 24, 160))
        out.append(noisy(image, rng))
    for _ in range(5):  # stands
        image = base.copy()
        person_box(image, (136, 90, 160, 160))
        out.append(noisy(image, rng))
    for angle in (30, 60):  # topples
        image = base.copy()
        rect = ((160 + angle / 3, 125 + angle / 3), (24, 70), angle)
        cv2.fillPoly(image, [cv2.boxPoints(rect).astype(np.int32)], (90, 40, 30))
        out.append(noisy(image, rng))
    for i in range(round(seconds_down * FPS)):
        image = base.copy()
        if get_up and i >= 3:
            person_box(image, (180, 90, 204, 160))  # up again and walking off
        else:
            person_box(image, (150, 138, 220, 160))
        out.append(noisy(image, rng))
    return out


def flickering_flame(
    seconds: float = 5.0, seed: int = 2, moving: bool = False, static: bool = False
) -> list[np.ndarray]:
    """An orange-yellow flame whose shape and brightness jump every frame, slowly growing. `static`: the
    same orange shape every frame (a sign); `moving`: one orange shape sliding across (a jacket)."""
    rng = np.random.default_rng(seed)
    base = background()
    out = [noisy(base, rng) for _ in range(5)]
    for i in range(round(seconds * FPS)):
        image = base.copy()
        if static or moving:
            x = 200 + (i * 8 if moving else 0) - (100 if moving else 0)
            cv2.ellipse(image, (x, 120), (14, 22), 0, 0, 360, (0, 140, 255), -1)
        else:
            height = 18 + i * 0.8 + rng.uniform(-6, 6)
            width = 10 + i * 0.3 + rng.uniform(-3, 3)
            cx = 200 + rng.uniform(-2, 2)
            cv2.ellipse(image, (int(cx), 140), (int(width), int(height)), 0, 180, 360, (0, 90, 255), -1)
            core = (int(width * 0.5), int(height * 0.55))
            cv2.ellipse(image, (int(cx), 140), core, 0, 180, 360, (80, 230, 255), -1)
            if rng.random() < 0.5:  # tongues of flame come and go
                tip = (int(cx + rng.uniform(-6, 6)), int(140 - height - rng.uniform(2, 10)))
                cv2.line(image, (int(cx), int(140 - height + 4)), tip, (0, 120, 255), 3)
        out.append(noisy(image, rng))
    return out


def spreading_smoke(seconds: float = 6.0, seed: int = 3, solid: bool = False) -> list[np.ndarray]:
    """A grey, soft-edged cloud that grows from a corner. `solid`: a grey sharp-edged box moving instead."""
    rng = np.random.default_rng(seed)
    base = background()
    out = [noisy(base, rng) for _ in range(5)]
    for i in range(round(seconds * FPS)):
        image = base.copy()
        if solid:
            x = 60 + i * 6
            cv2.rectangle(image, (x, 80), (x + 30, 150), (150, 150, 150), -1)
            cv2.rectangle(image, (x, 80), (x + 30, 150), (30, 30, 30), 2)
        else:
            radius = 12 + i * 2.2
            cloud = np.zeros((H, W), np.float32)
            cv2.circle(cloud, (240, 60), int(radius), 1.0, -1)
            cv2.circle(cloud, (int(240 - radius * 0.6), int(60 + radius * 0.3)), int(radius * 0.7), 1.0, -1)
            cloud = cv2.GaussianBlur(cloud, (0, 0), 6) * 0.85
            grey = np.full_like(image, 215)
            image = (image * (1 - cloud[..., None]) + grey * cloud[..., None]).astype(np.uint8)
        out.append(noisy(image, rng))
    return out


def lingering_blob(seconds: float = 12.0, seed: int = 4) -> list[np.ndarray]:
    """A person-sized box walks into the right-hand third of the frame and stays there, swaying a little."""
    rng = np.random.default_rng(seed)
    base = background()
    out = [noisy(base, rng) for _ in range(5)]
    for step in range(10):
        image = base.copy()
        x = 60 + step * 16
        person_box(image, (x, 90, x + 24, 160))
        out.append(noisy(image, rng))
    for i in range(round(seconds * FPS)):
        image = base.copy()
        sway = int(3 * np.sin(i / 2))
        person_box(image, (230 + sway, 90, 254 + sway, 160))
        out.append(noisy(image, rng))
    return out


def write_clip(path: Path, images: list[np.ndarray], fps: float = FPS) -> Path:
    from inference.vision.media import write_mp4

    write_mp4(images, fps, path, crf=18)
    return path
