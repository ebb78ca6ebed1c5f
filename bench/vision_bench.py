"""Vision worker benchmark: per-camera cost, how many cameras two cores sustain, detection-to-app latency.

1. Clips: 720p, 15 fps H.264 (GOP 1 s, as IP cameras send), drawn here: `quiet` (an empty aisle with
   sensor noise) and `busy` (two people walking the whole time).
2. Cost per camera, one thread, CPU time: decoding every frame, scaling the analysed ones (5 of 15 per
   second) to 320x180, and the pipeline per analysed frame with and without motion (person detection with
   YOLOX-Nano from ../shared when present, fall, zones, fire/smoke). From these: CPU per camera-second and
   how many cameras two cores can carry with motion a quarter of the time and all the time.
3. Sustained: N cameras at once in real time (files looping), threads in one process and two processes,
   for --sustain-s seconds; prints the frame rate each camera reached and the CPU used.
4. Latency: a real backend on loopback, the owner's event stream (SSE, as the owner app), and alerts raised
   through the worker's recorder, disk queue and sender: detection to the owner's `alert.created`.

    .venv/bin/python bench/vision_bench.py [--sustain-s 20] [--skip-sustained] [--skip-latency]

Loopback and temporary files only; everything started is stopped. On a shared 2-core machine quote
ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inference.models import ModelRegistry  # noqa: E402
from inference.vision.config import parse_config  # noqa: E402
from inference.vision.disk_queue import DiskQueue  # noqa: E402
from inference.vision.frames import VideoFrame  # noqa: E402
from inference.vision.pipeline import CameraPipeline  # noqa: E402

YOLOX = ROOT.parent / "shared" / "models" / "yolox_nano" / "yolox_nano.onnx"
W, H, FPS, ANALYSIS_FPS = 1280, 720, 15, 5
MODELS_DIR: Path | None = None  # set in main(): one models folder for every phase
WARM_UP_S = 8.0
ZONE = {"name": "till", "polygon": [[0.6, 0], [1, 0], [1, 1], [0.6, 1]], "loiter_s": 60}


def make_clip(path: Path, busy: bool, seconds: int = 10) -> Path:
    import av
    import cv2

    rng = np.random.default_rng(1)
    floor = np.tile(np.linspace(110, 170, W, dtype=np.float32), (H, 1))
    base = np.stack([floor * 0.9, floor, floor], axis=-1).astype(np.uint8)
    for x in range(0, W, 160):
        cv2.rectangle(base, (x + 20, 60), (x + 120, 300), (70, 90, 120), -1)  # shelves
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=Fraction(FPS, 1))
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        stream.codec_context.options = {"preset": "veryfast", "g": str(FPS), "crf": "26"}
        for i in range(seconds * FPS):
            image = base.copy()
            if busy:
                for k, speed in enumerate((9, -7)):
                    x = (200 + 500 * k + speed * i) % (W - 80)
                    cv2.rectangle(image, (x, 330), (x + 70, 560), (60, 40, 35), -1)
                    cv2.circle(image, (x + 35, 305), 26, (80, 100, 150), -1)
            noise = rng.integers(-4, 5, image.shape, dtype=np.int16)
            image = np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def detectors(with_model: bool) -> list[dict[str, Any]]:
    person = {"type": "person"} if with_model else {"type": "person", "backend": "blob"}
    return [person, {"type": "fall"}, {"type": "zones"}, {"type": "fire_smoke"}]


def camera_config(work: Path, clips: dict[str, Path], busy: list[bool], with_model: bool, **top: Any) -> Any:
    cameras = [
        {
            "name": f"cam{i:02d}",
            "source": str(clips["busy" if b else "quiet"]),
            "loop": True,
            "fps": ANALYSIS_FPS,
            "detectors": detectors(with_model),
            "zones": [ZONE],
        }
        for i, b in enumerate(busy)
    ]
    return parse_config(
        {
            "queue_dir": str(work / "queue"),
            "models_dir": str(MODELS_DIR or work / "models"),
            "cameras": cameras,
            **top,
        }
    )


def stage_costs(clip: Path, work: Path, with_model: bool) -> dict[str, float]:
    """ms of CPU per frame: decode (every frame), scale (analysed frames), pipeline (analysed frames)."""
    import av

    frames = []
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        stream.codec_context.thread_count = 1
        started = time.thread_time()
        decoded = list(container.decode(stream))
        decode_ms = (time.thread_time() - started) * 1000 / len(decoded)
    analysed = decoded[:: FPS // ANALYSIS_FPS]
    started = time.thread_time()
    for frame in analysed:
        image = frame.reformat(width=320, height=180, format="bgr24", interpolation="AREA").to_ndarray()
        frames.append(image)
    scale_ms = (time.thread_time() - started) * 1000 / len(analysed)
    config = camera_config(work, {"busy": clip, "quiet": clip}, [True], with_model)
    pipeline = CameraPipeline(
        config.cameras[0],
        config.events,
        config.store,
        ModelRegistry(config.models_dir),
        DiskQueue(config.queue_dir),
    )
    for image in frames[:5]:  # warm-up: the motion background and onnxruntime's first run
        pipeline.process(VideoFrame(image, -10.0))
    pipeline.stats.__init__()  # type: ignore[misc]
    started = time.thread_time()
    for i, image in enumerate(frames * 2):
        pipeline.process(VideoFrame(image, i / ANALYSIS_FPS))
    pipe_ms = (time.thread_time() - started) * 1000 / (2 * len(frames))
    pipeline.close()
    per_detector = {k: v / max(pipeline.stats.analysed, 1) for k, v in pipeline.stats.per_detector_ms.items()}
    return {
        "decode": decode_ms,
        "scale": scale_ms,
        "pipeline": pipe_ms,
        "analysed_share": pipeline.stats.analysed / max(pipeline.stats.frames, 1),
        **{f"detector:{k}": v for k, v in per_detector.items()},
    }


def sustained(
    work: Path,
    clips: dict[str, Path],
    count: int,
    busy_share: float,
    processes: int,
    seconds: float,
    with_model: bool,
) -> dict[str, float]:
    from inference.vision.supervisor import Supervisor
    from inference.vision.worker import VisionWorker

    busy = [i < round(count * busy_share) for i in range(count)]
    config = camera_config(work / f"run-{count}-{processes}", clips, busy, with_model, processes=processes)
    stop = threading.Event()
    if processes == 1:
        runner: Any = VisionWorker(config)
    else:
        runner = Supervisor(config)
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    time.sleep(WARM_UP_S)  # child processes import and load models first
    before, wall, children_before = os.times(), time.monotonic(), children_cpu(runner)
    time.sleep(seconds)
    if processes == 1:
        rates = [c.fps(window_s=seconds / 2) for c in runner.cameras]
    else:
        runner._read_reports()
        rates = [r.fps for r in runner.health.values()]
    after, elapsed, children_after = os.times(), time.monotonic() - wall, children_cpu(runner)
    stop.set()
    thread.join(30)
    cpu = (after.user + after.system) - (before.user + before.system) + children_after - children_before
    return {
        "cameras": count,
        "min_fps": min(rates) if rates else 0.0,
        "mean_fps": statistics.mean(rates) if rates else 0.0,
        "cores_used": cpu / elapsed,
    }


def children_cpu(runner: Any) -> float:
    """CPU seconds used so far by a supervisor's child processes (Linux /proc; 0 elsewhere)."""
    total = 0.0
    for child in getattr(runner, "_children", []):
        try:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, AttributeError, IndexError, ValueError):
            pass
    return total


def latency(work: Path, alerts: int = 8) -> list[float]:
    from autostore.vision_cli import build_uplink
    from backend.app import create_app
    from core.client import ApiClient, SseClient
    from inference.vision.events import Incident
    from inference.vision.frames import FrameRing
    from inference.vision.recorder import IncidentRecorder
    from inference.vision.uplink import AlertSender
    from tests.backend.conftest import make_settings
    from tests.backend.world import PASSWORD, build_world
    from tests.support.live_backend import LiveBackend

    app = create_app(make_settings(f"sqlite:///{work / 'backend.db'}", work / "backend"))
    world = build_world(app.state.autostore.db)
    backend = LiveBackend(app)
    backend.start()
    try:
        owner = ApiClient(backend.url, max_retries=0)
        owner.login(world.emails["owner_a"], PASSWORD)
        code = owner.request(
            "POST", f"/stores/{world.store_a1}/activation-codes", json={"kind": "vision"}
        ).json()["code"]
        config = parse_config(
            {
                "queue_dir": str(work / "lq"),
                "backend": {"url": backend.url, "token_file": str(work / "token.json")},
                "cameras": [{"name": "cam", "source": 0}],
            }
        )
        from autostore.vision_cli import _client

        client, tokens = _client(config)
        tokens.set_store_id(client.activate(code, device_name="bench").store.id)
        poster, _ = build_uplink(config)
        queue = DiskQueue(config.queue_dir)
        sender = AlertSender(queue, poster)
        stop = threading.Event()
        threading.Thread(target=sender.run, args=(stop,), daemon=True).start()
        received: dict[str, float] = {}
        stream = SseClient(owner, last_event_id=owner.latest_event_id())

        def listen() -> None:
            for event in stream:
                out = event.to_event()
                if out is not None and out.type == "alert.created":
                    received[str(out.data["alert_id"])] = time.time()

        threading.Thread(target=listen, daemon=True).start()
        assert stream.connected.wait(10)
        ring = FrameRing(5)
        image = np.full((180, 320, 3), 120, np.uint8)
        for i in range(10):
            ring.push(VideoFrame(image, i / 5))
        recorder = IncidentRecorder(queue, ring, 5, pre_s=2, post_s=0)
        detected: dict[str, float] = {}
        from core.timeutil import utcnow

        for _ in range(alerts):
            incident = Incident("cam", "fall", 0.9, "critical", 2.0, 1.0, utcnow(), "fall", (10, 10, 60, 120))
            detected[incident.id] = time.time()
            recorder.start(incident, VideoFrame(image, 2.0))
            time.sleep(1.0)
        time.sleep(2.0)
        stop.set()
        stream.stop()
        recorder.close()
        return [(received[i] - t) * 1000 for i, t in detected.items() if i in received]
    finally:
        backend.stop()


def report_costs(quiet: dict[str, float], busy: dict[str, float]) -> None:
    print(f"decode            {quiet['decode']:6.2f} ms/frame (every frame)")
    print(f"scale to 320x180  {quiet['scale']:6.2f} ms/analysed frame")
    for name, cost in (("quiet", quiet), ("motion", busy)):
        ran = f"detectors ran on {cost['analysed_share']:.0%}"
        print(f"pipeline, {name:<7} {cost['pipeline']:6.2f} ms/analysed frame ({ran})")
    for key, value in busy.items():
        if key.startswith("detector:"):
            print(f"  {key[9:]:<16}{value:6.2f} ms/analysed frame")
    fixed = FPS * quiet["decode"] + ANALYSIS_FPS * quiet["scale"]
    quiet_s = fixed + ANALYSIS_FPS * quiet["pipeline"]
    busy_s = fixed + ANALYSIS_FPS * busy["pipeline"]
    print(f"per camera, CPU per second: {quiet_s:.0f} ms quiet, {busy_s:.0f} ms with motion")
    print(
        f"per camera, CPU per decoded frame: {quiet_s / FPS:.1f} ms quiet, {busy_s / FPS:.1f} ms with motion"
    )
    for share, target in ((0.25, 16), (1.0, 8)):
        per_camera = share * busy_s + (1 - share) * quiet_s
        print(f"two cores, motion {share:.0%} of the time: {2000 / per_camera:.1f} cameras (target {target})")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sustain-s", type=float, default=20.0)
    parser.add_argument("--skip-sustained", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vision-bench-") as folder:
        work = Path(folder)
        global MODELS_DIR
        MODELS_DIR = work / "models"
        with_model = YOLOX.is_file()
        if with_model:
            ModelRegistry(MODELS_DIR).install("yolox_nano", YOLOX)
        else:
            print("YOLOX-Nano not in ../shared: person detection uses moving blobs (much cheaper)")
        clips = {
            "quiet": make_clip(work / "quiet.mp4", busy=False),
            "busy": make_clip(work / "busy.mp4", busy=True),
        }
        print(f"clips: 720p {FPS} fps H.264, analysed at {ANALYSIS_FPS} fps, 320x180")
        report_costs(
            stage_costs(clips["quiet"], work / "q", with_model),
            stage_costs(clips["busy"], work / "b", with_model),
        )
        if not args.skip_sustained:
            for count, share in ((16, 0.25), (8, 1.0)):
                for processes in (1, 2):
                    r = sustained(work, clips, count, share, processes, args.sustain_s, with_model)
                    rates = f"fps min {r['min_fps']:.2f} mean {r['mean_fps']:.2f} of {ANALYSIS_FPS}"
                    setup = f"{count} cameras, motion on {share:.0%}, {processes} process(es)"
                    print(f"sustained {setup}: {rates}; cores used {r['cores_used']:.2f}")
        if not args.skip_latency:
            times = latency(work)
            if times:
                median, worst = statistics.median(times), max(times)
                print(f"detection to owner notification: median {median:.0f} ms, max {worst:.0f} ms", end="")
                print(f" over {len(times)} alerts")
            else:
                print("detection to owner notification: no alert arrived")
    return 0


if __name__ == "__main__":
    sys.exit(main())
