"""AI Hub's abnormal-behaviour CCTV annotations: which frames of a video show which event.

Two XML forms are read (what we could learn of them from public code that reads these datasets; the
datasets themselves are behind AI Hub's registration and were not available to check against):

* "이상행동 CCTV 영상" (2020): one XML per video, `<annotation>` with `<header><fps>`, `<header><frames>`,
  `<event><eventname>` (assault, burglary, vandalism, swoon, trespass, ...) and the event's
  `<event><starttime>` and `<event><duration>` as H:M:S.s; objects carry `<action><frame><start>/<end>`
  ranges, used when the event times are missing.
* The newer store datasets ("실내(편의점, 매장) 사람 이상행동"): CVAT XML, `<annotations>` with
  `<track label=…>` whose `<box frame=… outside="0|1">` mark where a label holds, either as one
  continuous track or as `<label>_start` / `<label>_end` marker tracks; labels include theft, broken,
  fire, smoke, fall and fight.

Event names map onto our classes (EVENT_CLASSES); we assume "smoke" in the store datasets means smoking
(흡연), as those datasets film people indoors. Events we do not classify (assault, fight, trespass, ...)
are neither learned nor used as normal footage.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

EVENT_CLASSES: dict[str, str] = {
    "burglary": "theft",
    "theft": "theft",
    "shoplifting": "theft",
    "stealing": "theft",
    "vandalism": "damage",
    "broken": "damage",
    "damage": "damage",
    "swoon": "fall",
    "fall": "fall",
    "falldown": "fall",
    "fire": "fire",
    "arson": "fire",
    "smoke": "smoking",
    "smoking": "smoking",
}


@dataclass(frozen=True)
class Interval:
    label: str  # the dataset's own event name, normalised
    start: int
    end: int  # exclusive


@dataclass(frozen=True)
class Annotation:
    intervals: tuple[Interval, ...]
    frames: int | None  # the video's length in frames, when the XML says
    fps: float | None


def _norm(label: str) -> str:
    return label.strip().lower().replace(" ", "_").replace("-", "_")


def _seconds(text: str) -> float:
    """'00:04:3.3' or '0:01:23.40' -> seconds (AI Hub drops leading zeros at times)."""
    hours, minutes, seconds = (float(part) for part in text.strip().split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _int(text: str | None) -> int | None:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def parse_annotation(xml_path: Path) -> Annotation:
    """Either XML form; ValueError when it is neither."""
    # Local files the user downloaded; expat resolves no external entities.
    root = ET.parse(xml_path).getroot()  # noqa: S314
    if root.tag == "annotations" or root.find("track") is not None:
        return _parse_cvat(root)
    if root.find("event") is not None or root.find("object") is not None:
        return _parse_event_xml(root)
    raise ValueError(f"{xml_path}: not an AI Hub annotation (root <{root.tag}>)")


def _parse_event_xml(root: ET.Element) -> Annotation:
    fps = float(root.findtext("header/fps") or 0) or None
    frames = _int(root.findtext("header/frames"))
    label = _norm(root.findtext("event/eventname") or "")
    start_text, duration_text = root.findtext("event/starttime"), root.findtext("event/duration")
    intervals: list[Interval] = []
    if label and fps and start_text and duration_text:
        start = round(_seconds(start_text) * fps)
        intervals.append(Interval(label, start, start + max(round(_seconds(duration_text) * fps), 1)))
    elif label:
        for frame in root.iterfind("object/action/frame"):
            first, last = _int(frame.findtext("start")), _int(frame.findtext("end"))
            if first is not None and last is not None and last > first:
                intervals.append(Interval(label, first, last + 1))
    return Annotation(tuple(_merge(intervals)), frames, fps)


def _parse_cvat(root: ET.Element) -> Annotation:
    size = _int(root.findtext("meta/task/size"))
    stop = _int(root.findtext("meta/task/stop_frame"))
    frames = size or (stop + 1 if stop is not None else None)
    starts: dict[str, list[int]] = defaultdict(list)
    ends: dict[str, list[int]] = defaultdict(list)
    intervals: list[Interval] = []
    for track in root.iterfind("track"):
        label = _norm(track.get("label", ""))
        shown = sorted(
            f
            for box in track.iterfind("box")
            if box.get("outside", "0") == "0" and (f := _int(box.get("frame"))) is not None
        )
        if not label or not shown:
            continue
        if label.endswith("_start"):
            starts[label.removesuffix("_start")].append(shown[0])
        elif label.endswith("_end"):
            ends[label.removesuffix("_end")].append(shown[-1])
        else:
            run_start = previous = shown[0]
            for f in [*shown[1:], None]:
                if f is not None and f == previous + 1:
                    previous = f
                    continue
                intervals.append(Interval(label, run_start, previous + 1))
                if f is not None:
                    run_start = previous = f
    for label, begin_frames in starts.items():
        closing = sorted(ends.get(label, []))
        for begin in sorted(begin_frames):
            end = next((e for e in closing if e >= begin), frames - 1 if frames else begin)
            if end in closing:
                closing.remove(end)
            intervals.append(Interval(label, begin, end + 1))
    return Annotation(tuple(_merge(intervals)), frames, None)


def _merge(intervals: list[Interval]) -> list[Interval]:
    """Overlapping or touching intervals of the same label become one."""
    merged: list[Interval] = []
    for item in sorted(intervals, key=lambda i: (i.label, i.start)):
        last = merged[-1] if merged else None
        if last is not None and last.label == item.label and item.start <= last.end:
            merged[-1] = Interval(last.label, last.start, max(last.end, item.end))
        else:
            merged.append(item)
    return sorted(merged, key=lambda i: (i.start, i.label))


def normal_gaps(annotation: Annotation, frames: int, margin: int) -> list[tuple[int, int]]:
    """Stretches of the video at least `margin` frames away from every annotated event, of any label."""
    busy = sorted((max(i.start - margin, 0), i.end + margin) for i in annotation.intervals)
    gaps: list[tuple[int, int]] = []
    cursor = 0
    for start, end in busy:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < frames:
        gaps.append((cursor, frames))
    return gaps
