"""Clip classifier data: preprocessing, video decoding, the one-folder-per-class and AI Hub layouts, splits,
and the evaluation metrics. No torch needed."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from inference.vision.classifier import aihub
from inference.vision.classifier.clips import MEAN, STD, prepare_clip, read_frames, sample_indices
from inference.vision.classifier.dataset import ClipSample, discover, load_clip, split_by_video
from inference.vision.classifier.evaluate import report_from_predictions


def write_video(path: Path, frames: int, size: tuple[int, int] = (48, 32), fps: float = 10.0) -> None:
    """A clip whose frame i is filled with grey level 10 * i, so decoded frames can be identified."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, size)
    assert writer.isOpened()
    for i in range(frames):
        writer.write(np.full((size[1], size[0], 3), 10 * i % 250, np.uint8))
    writer.release()


def test_sample_indices_cover_the_range_evenly_and_jitter_within_segments() -> None:
    assert sample_indices(0, 16, 4).tolist() == [2, 6, 10, 14]
    assert sample_indices(10, 12, 4).tolist() == [10, 10, 11, 11]  # short ranges repeat frames
    jittered = sample_indices(0, 16, 4, np.random.default_rng(1))
    assert all(4 * i <= j < 4 * (i + 1) for i, j in enumerate(jittered))


def test_prepare_clip_crops_resizes_and_normalises() -> None:
    frames = np.zeros((5, 40, 60, 3), np.uint8)
    frames[:, :, :10] = 255  # the left edge is cropped away by the centre square
    frames[:, :, 30, 0] = 200
    clip = prepare_clip(frames, clip_len=8, size=20)
    assert clip.shape == (3, 8, 20, 20) and clip.dtype == np.float32
    black = (0.0 - MEAN[1]) / STD[1]
    assert np.allclose(clip[1], black)  # green: all black after the crop
    assert clip[0].max() > black + 1
    flipped = prepare_clip(frames, clip_len=8, size=20, flip=True)
    assert np.allclose(flipped[0], clip[0][:, :, ::-1])
    with pytest.raises(ValueError):
        prepare_clip(np.zeros((4, 8, 8), np.uint8), 4, 8)


def test_read_frames_returns_the_asked_frames_and_survives_overcounted_ends(tmp_path: Path) -> None:
    video = tmp_path / "v.avi"
    write_video(video, 12)
    frames = read_frames(video, np.array([3, 1, 3, 7]))
    assert frames.shape == (4, 32, 48, 3)
    levels = [round(f.mean() / 10) for f in frames]
    assert levels == [3, 1, 3, 7]
    past_end = read_frames(video, np.array([10, 11, 40]))
    assert [round(f.mean() / 10) for f in past_end] == [10, 11, 11]


def test_folder_layout_finds_classes_windows_and_skips_unreadable_files(tmp_path: Path) -> None:
    write_video(tmp_path / "normal" / "a.avi", 20)
    write_video(tmp_path / "normal" / "b.avi", 20)
    write_video(tmp_path / "Theft" / "long.avi", 100)
    np.save(tmp_path / "Theft" / "c.npy", np.zeros((6, 16, 16, 3), np.uint8))
    (tmp_path / "Theft" / "broken.mp4").write_bytes(b"not a video")
    (tmp_path / "empty").mkdir()

    index = discover(tmp_path, window=32, max_windows=2)
    assert index.layout == "folders" and index.classes == ("normal", "theft")
    long_windows = [(s.start, s.end) for s in index.samples if s.path.name == "long.avi"]
    assert long_windows == [(0, 32), (68, 100)]
    assert index.counts() == {"normal": 2, "theft": 3}
    assert any("broken.mp4" in reason for reason in index.skipped)
    clip = load_clip(index.samples[0], clip_len=4, size=16)
    assert clip.shape == (3, 4, 16, 16)


def test_folder_layout_needs_two_classes(tmp_path: Path) -> None:
    write_video(tmp_path / "normal" / "a.avi", 5)
    with pytest.raises(ValueError, match="one folder per class"):
        discover(tmp_path)


def test_split_by_video_keeps_each_video_on_one_side() -> None:
    samples = [
        ClipSample(Path(f"{label}{v}.mp4"), label, w * 10, w * 10 + 10)
        for label in ("normal", "theft")
        for v in range(5)
        for w in range(3)
    ]
    train, val = split_by_video(samples, 0.2, seed=3)
    assert {s.path for s in train}.isdisjoint({s.path for s in val})
    assert len(train) + len(val) == len(samples)
    assert {s.label for s in val} == {"normal", "theft"}  # each class keeps a video for validation
    assert split_by_video(samples, 0.0)[1] == []


AIHUB_EVENT_XML = """<?xml version="1.0" encoding="utf-8"?>
<annotation>
  <folder>burglary</folder><filename>{name}.mp4</filename>
  <header><duration>00:00:20.0</duration><fps>10</fps><frames>200</frames></header>
  <event><eventname>{event}</eventname><starttime>0:0:8.0</starttime><duration>00:00:04.0</duration></event>
  <object><objectname>person_1</objectname>
    <action><actionname>picking</actionname><frame><start>85</start><end>95</end></frame></action>
  </object>
</annotation>
"""

AIHUB_CVAT_XML = """<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <meta><task><size>120</size><start_frame>0</start_frame><stop_frame>119</stop_frame></task></meta>
  <track id="0" label="smoke">
    <box frame="30" outside="0"/><box frame="31" outside="0"/><box frame="32" outside="0"/>
    <box frame="33" outside="1"/><box frame="50" outside="0"/>
  </track>
  <track id="1" label="broken_start"><box frame="70" outside="0"/></track>
  <track id="2" label="broken_end"><box frame="80" outside="0"/></track>
  <track id="3" label="fight"><box frame="100" outside="0"/></track>
</annotations>
"""


def test_aihub_event_xml_gives_the_event_window(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(AIHUB_EVENT_XML.format(name="a", event="burglary"), encoding="utf-8")
    annotation = aihub.parse_annotation(path)
    assert annotation.fps == 10 and annotation.frames == 200
    assert annotation.intervals == (aihub.Interval("burglary", 80, 120),)
    no_times = AIHUB_EVENT_XML.format(name="a", event="Vandalism").replace(
        "<starttime>0:0:8.0</starttime>", ""
    )
    path.write_text(no_times, encoding="utf-8")
    assert aihub.parse_annotation(path).intervals == (aihub.Interval("vandalism", 85, 96),)


def test_aihub_cvat_xml_reads_tracks_and_start_end_markers(tmp_path: Path) -> None:
    path = tmp_path / "b.xml"
    path.write_text(AIHUB_CVAT_XML, encoding="utf-8")
    annotation = aihub.parse_annotation(path)
    assert annotation.frames == 120
    assert annotation.intervals == (
        aihub.Interval("smoke", 30, 33),
        aihub.Interval("smoke", 50, 51),
        aihub.Interval("broken", 70, 81),
        aihub.Interval("fight", 100, 101),
    )
    assert aihub.normal_gaps(annotation, 120, margin=5) == [(0, 25), (38, 45), (56, 65), (86, 95), (106, 120)]
    (tmp_path / "c.xml").write_text("<html/>", encoding="utf-8")
    with pytest.raises(ValueError):
        aihub.parse_annotation(tmp_path / "c.xml")


def test_aihub_layout_maps_events_to_our_classes_with_videos_in_another_folder(tmp_path: Path) -> None:
    labels, videos = tmp_path / "labels", tmp_path / "videos"
    labels.mkdir()
    (labels / "v1.xml").write_text(AIHUB_EVENT_XML.format(name="v1", event="burglary"), encoding="utf-8")
    (labels / "v2.xml").write_text(AIHUB_EVENT_XML.format(name="v2", event="assault"), encoding="utf-8")
    (labels / "orphan.xml").write_text(AIHUB_EVENT_XML.format(name="x", event="fire"), encoding="utf-8")
    write_video(videos / "v1.avi", 200)
    write_video(videos / "v2.avi", 200)

    index = discover(tmp_path, window=32, max_windows=8)
    assert index.layout == "aihub" and index.classes == ("normal", "theft")
    theft = [(s.start, s.end) for s in index.samples if s.label == "theft"]
    assert theft == [(80, 112), (88, 120)]
    normal = [s for s in index.samples if s.label == "normal"]
    # a second clear of each event (10 frames at 10 fps); the assault stretch is not "normal" footage
    assert all(s.end <= 70 or s.start >= 130 for s in normal) and normal
    assert any("orphan.xml" in reason for reason in index.skipped)
    assert any("assault (1)" in reason for reason in index.skipped)


def test_report_gives_per_class_precision_recall_and_a_confusion_matrix() -> None:
    report = report_from_predictions(
        ("normal", "theft", "fire"), truth=[0, 0, 0, 1, 1, 2], predicted=[0, 0, 1, 1, 0, 2]
    )
    assert report.confusion.tolist() == [[2, 1, 0], [1, 1, 0], [0, 0, 1]]
    assert np.allclose(report.precision, [2 / 3, 1 / 2, 1.0])
    assert np.allclose(report.recall, [2 / 3, 1 / 2, 1.0])
    assert report.accuracy == pytest.approx(4 / 6)
    assert report.balanced_accuracy == pytest.approx((2 / 3 + 1 / 2 + 1) / 3)
    text = report.format()
    assert "theft" in text and "confusion matrix" in text
