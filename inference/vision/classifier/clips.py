"""Clip decoding and the one preprocessing both training and inference use (numpy and OpenCV, no torch).

A clip is `clip_len` frames sampled evenly over a stretch of video, centre-cropped to a square, resized
to `size` and normalised with the Kinetics mean and deviation X3D was designed around. Training and the
ONNX runtime call the same `prepare_clip`, so a model never sees at run time pixels prepared differently
from those it learned on.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

DEFAULT_CLIP_LEN = 16
DEFAULT_SIZE = 112
MEAN = np.array([0.45, 0.45, 0.45], dtype=np.float32)
STD = np.array([0.225, 0.225, 0.225], dtype=np.float32)
VIDEO_SUFFIXES = frozenset({".mp4", ".avi", ".mkv", ".mov", ".webm", ".m4v", ".mpg", ".mpeg"})


class ClipReadError(RuntimeError):
    """A video could not be opened or gave no frames."""


def sample_indices(start: int, end: int, clip_len: int, rng: np.random.Generator | None = None) -> np.ndarray:
    """`clip_len` frame indices spread evenly over [start, end); with `rng`, each is jittered within its
    own segment (training), without, each is its segment's centre (evaluation and inference)."""
    span = max(end - start, 1)
    edges = np.linspace(start, start + span, clip_len + 1)
    if rng is None:
        points = (edges[:-1] + edges[1:]) / 2.0
    else:
        points = edges[:-1] + rng.random(clip_len) * (edges[1:] - edges[:-1])
    return np.clip(np.floor(points).astype(np.int64), start, start + span - 1)


def prepare_clip(frames: np.ndarray, clip_len: int, size: int, *, flip: bool = False) -> np.ndarray:
    """RGB uint8 frames [T, H, W, 3] (any T >= 1) -> float32 [3, clip_len, size, size], normalised."""
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.shape[0] < 1:
        raise ValueError(f"expected RGB frames [T, H, W, 3], got shape {frames.shape}")
    picked = frames[sample_indices(0, frames.shape[0], clip_len)] if frames.shape[0] != clip_len else frames
    height, width = picked.shape[1:3]
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    out = np.empty((clip_len, size, size, 3), dtype=np.float32)
    for i, frame in enumerate(picked):
        square = frame[top : top + side, left : left + side]
        out[i] = cv2.resize(square, (size, size), interpolation=cv2.INTER_AREA)
    if flip:
        out = out[:, :, ::-1]
    out = (out / 255.0 - MEAN) / STD
    return np.ascontiguousarray(out.transpose(3, 0, 1, 2))


def frame_count(path: Path) -> int:
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise ClipReadError(f"cannot open {path}")
        return max(int(capture.get(cv2.CAP_PROP_FRAME_COUNT)), 0)
    finally:
        capture.release()


def read_frames(path: Path, indices: np.ndarray) -> np.ndarray:
    """The frames at `indices` (sorted or not, repeats allowed) as RGB uint8 [len(indices), H, W, 3].

    Seeks once to the first wanted frame and reads on from there, since seeking per frame is slow and
    inexact with many codecs. Containers often overstate their frame count: indices past the real end
    get the last frame decoded."""
    wanted = sorted({int(i) for i in indices})
    wanted_set = frozenset(wanted)
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise ClipReadError(f"cannot open {path}")
        first = wanted[0]
        if first > 0:
            capture.set(cv2.CAP_PROP_POS_FRAMES, first)
        got: dict[int, np.ndarray] = {}
        position, last = first, wanted[-1]
        while position <= last:
            if position in wanted_set:
                ok, frame = capture.read()
                if not ok:
                    break
                got[position] = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            elif not capture.grab():
                break
            position += 1
    finally:
        capture.release()
    if not got:
        raise ClipReadError(f"no frames decoded from {path} at {wanted[0]}..{wanted[-1]}")
    fallback = got[max(got)]
    return np.stack([got.get(int(i), fallback) for i in indices])
