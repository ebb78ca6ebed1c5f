"""A folder of labelled clips -> samples (video, class, frame range), for training and evaluation.

Two layouts are recognised:

* one folder per class: `DIR/<class>/<clip>.mp4` (any video OpenCV reads, or `.npy` arrays of RGB uint8
  frames [T, H, W, 3]). Folder names are the class names; include a `normal` folder of everyday footage
  so the model learns what not to alert on.
* AI Hub's abnormal-behaviour CCTV datasets: videos with XML annotations of the same name anywhere under
  DIR (the source and label folders may be apart), read by `aihub`. Annotated events become samples of our
  classes; stretches far from any event become `normal` samples.

Long stretches are cut into windows of `window` frames (a clip samples `clip_len` frames from one window),
at most `max_windows` per stretch, spread evenly, so an hour-long video does not swamp the short ones.
This module needs no torch: evaluating an ONNX model uses it too.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from inference.vision.classifier import aihub
from inference.vision.classifier.clips import (
    VIDEO_SUFFIXES,
    ClipReadError,
    frame_count,
    prepare_clip,
    read_frames,
    sample_indices,
)

log = logging.getLogger(__name__)
NORMAL = "normal"


@dataclass(frozen=True)
class ClipSample:
    path: Path
    label: str
    start: int
    end: int  # exclusive


@dataclass
class ClipIndex:
    layout: str  # "folders" | "aihub"
    classes: tuple[str, ...]
    samples: list[ClipSample]
    skipped: list[str] = field(default_factory=list)  # what was left out, and why

    def counts(self) -> dict[str, int]:
        found = Counter(s.label for s in self.samples)
        return {c: found.get(c, 0) for c in self.classes}


def _length(path: Path) -> int:
    if path.suffix == ".npy":
        return int(np.load(path, mmap_mode="r").shape[0])
    return frame_count(path)


def _windows(path: Path, label: str, start: int, end: int, window: int, max_windows: int) -> list[ClipSample]:
    span = end - start
    if span <= window:
        return [ClipSample(path, label, start, end)]
    count = min(max_windows, -(-span // window))  # enough windows to cover the span, overlapping
    firsts = np.linspace(start, end - window, count).round().astype(int)
    return [ClipSample(path, label, int(f), int(f) + window) for f in firsts]


def discover(data_dir: Path, *, window: int = 64, max_windows: int = 8) -> ClipIndex:
    """Find the layout and its samples; ValueError when DIR holds neither layout."""
    if not data_dir.is_dir():
        raise ValueError(f"{data_dir} is not a folder")
    if any(data_dir.rglob("*.xml")):
        return _discover_aihub(data_dir, window, max_windows)
    return _discover_folders(data_dir, window, max_windows)


def _clip_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and (p.suffix.lower() in VIDEO_SUFFIXES or p.suffix == ".npy")
    )


def _discover_folders(data_dir: Path, window: int, max_windows: int) -> ClipIndex:
    samples: list[ClipSample] = []
    skipped: list[str] = []
    classes: list[str] = []
    folders = (p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    for folder in sorted(folders, key=lambda p: p.name.lower()):
        label = folder.name.strip().lower()
        found = 0
        for path in _clip_files(folder):
            try:
                length = _length(path)
            except (ClipReadError, ValueError, OSError) as exc:
                skipped.append(f"{path}: {exc}")
                continue
            if length < 1:
                skipped.append(f"{path}: no frames")
                continue
            samples.extend(_windows(path, label, 0, length, window, max_windows))
            found += 1
        if found and label not in classes:  # `Theft/` and `theft/` are one class
            classes.append(label)
    if len(classes) < 2:
        raise ValueError(
            f"{data_dir}: found clips for {len(classes)} class(es); put clips in one folder per class "
            "(at least two, e.g. normal/ and theft/), or use AI Hub's videos with their XML files"
        )
    return ClipIndex("folders", tuple(classes), samples, skipped)


def _discover_aihub(data_dir: Path, window: int, max_windows: int) -> ClipIndex:
    videos = {p.stem: p for p in _clip_files(data_dir) if p.suffix != ".npy"}
    samples: list[ClipSample] = []
    skipped: list[str] = []
    ignored: Counter[str] = Counter()
    for xml_path in sorted(data_dir.rglob("*.xml")):
        video = videos.get(xml_path.stem)
        if video is None:
            skipped.append(f"{xml_path}: no video named {xml_path.stem}.*")
            continue
        try:
            annotation = aihub.parse_annotation(xml_path)
            length = annotation.frames or frame_count(video)
        except (ValueError, ClipReadError, OSError) as exc:  # ParseError is a ValueError
            skipped.append(f"{xml_path}: {exc}")
            continue
        for interval in annotation.intervals:
            label = aihub.EVENT_CLASSES.get(interval.label)
            if label is None:
                ignored[interval.label] += 1
                continue
            end = min(interval.end, length) if length else interval.end
            if end > interval.start:
                samples.extend(_windows(video, label, interval.start, end, window, max_windows))
        margin = round(annotation.fps or 30)  # a second clear of any event
        for start, end in aihub.normal_gaps(annotation, length, margin):
            if end - start >= window:
                samples.extend(_windows(video, NORMAL, start, end, window, max(1, max_windows // 4)))
    if ignored:
        skipped.append(
            "events not classified: " + ", ".join(f"{k} ({v})" for k, v in sorted(ignored.items()))
        )
    present = {s.label for s in samples}
    classes = tuple(c for c in (NORMAL, "theft", "damage", "smoking", "fire", "fall") if c in present)
    if len(classes) < 2:
        raise ValueError(f"{data_dir}: the AI Hub annotations gave fewer than two usable classes")
    return ClipIndex("aihub", classes, samples, skipped)


def split_by_video(
    samples: list[ClipSample], val_fraction: float, seed: int = 0
) -> tuple[list[ClipSample], list[ClipSample]]:
    """Train and validation samples with no video in both (windows of one video are near duplicates), each
    class keeping about `val_fraction` of its videos for validation (at least one when it has two)."""
    by_label: dict[str, dict[Path, None]] = defaultdict(dict)  # an ordered set of videos per class
    for sample in samples:
        by_label[sample.label][sample.path] = None
    rng = np.random.default_rng(seed)
    held: set[Path] = set()
    for videos in by_label.values():
        paths = list(videos)
        order = list(rng.permutation(len(paths)))
        count = round(len(paths) * val_fraction)
        if val_fraction > 0 and len(paths) >= 2:
            count = min(max(count, 1), len(paths) - 1)
        held.update(paths[i] for i in order[:count])
    train = [s for s in samples if s.path not in held]
    val = [s for s in samples if s.path in held]
    return train, val


def load_clip(
    sample: ClipSample, clip_len: int, size: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    """One sample as the model's input [3, clip_len, size, size]; with `rng`, jittered and maybe flipped."""
    indices = sample_indices(sample.start, sample.end, clip_len, rng)
    if sample.path.suffix == ".npy":
        frames = np.asarray(np.load(sample.path, mmap_mode="r")[indices])
    else:
        frames = read_frames(sample.path, indices)
    flip = bool(rng is not None and rng.random() < 0.5)
    return prepare_clip(frames, clip_len, size, flip=flip)
