"""Latency of one clip through the clip classifier: eager torch, traced torch and onnxruntime.

    .venv/bin/python bench/clip_classifier_bench.py                   # 16x112 and 16x160, 1 and 2 threads
    .venv/bin/python bench/clip_classifier_bench.py --sizes 112 --repeats 10

An untrained network of the default architecture (weights do not change the cost). Prints the median of
`--repeats` runs after two warm-up runs, and the ratio of each to eager torch. On a shared machine quote
the ratios, not the milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from inference.vision.classifier.export import export_onnx
from inference.vision.classifier.model import X3D, X3DConfig, parameter_count
from inference.vision.classifier.runtime import ClipClassifier
from inference.vision.classifier.train import EpochStats, TrainConfig, save_checkpoint

CLASSES = ("normal", "theft", "damage", "smoking", "fire", "fall")


def median_ms(run: Callable[[], object], repeats: int) -> float:
    for _ in range(2):
        run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(size: int, clip_len: int, threads: int, repeats: int, workdir: Path) -> None:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    arch = X3DConfig(len(CLASSES))
    model = X3D(arch).eval()
    checkpoint = workdir / f"bench_{size}.pt"
    save_checkpoint(
        checkpoint, model, arch, CLASSES, TrainConfig(clip_len=clip_len, size=size), EpochStats(0, 0.0)
    )
    onnx_path = workdir / f"bench_{size}.onnx"
    export = export_onnx(checkpoint, onnx_path)
    clip = torch.randn(1, 3, clip_len, size, size)
    with torch.no_grad():
        traced = torch.jit.trace(model, clip)
        eager_ms = median_ms(lambda: model(clip), repeats)
        traced_ms = median_ms(lambda: traced(clip), repeats)
    classifier = ClipClassifier.load(onnx_path, intra_op_num_threads=threads)
    prepared = clip.numpy()
    ort_ms = median_ms(lambda: classifier.run_prepared(prepared), repeats)
    frames = np.random.default_rng(0).integers(0, 255, (clip_len, 480, 640, 3), dtype=np.uint8)
    predict_ms = median_ms(lambda: classifier.predict(frames), repeats)
    print(
        f"{clip_len}x{size}x{size}, {threads} thread(s), {parameter_count(model):,} parameters: "
        f"eager {eager_ms:.0f} ms, traced {traced_ms:.0f} ms ({traced_ms / eager_ms:.2f}x), "
        f"onnxruntime {ort_ms:.0f} ms ({ort_ms / eager_ms:.2f}x), "
        f"predict on 640x480 frames {predict_ms:.0f} ms; export max diff {export.max_abs_diff:.1e}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[112, 160])
    parser.add_argument("--clip-len", type=int, default=16)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            for threads in args.threads:
                bench(size, args.clip_len, threads, args.repeats, Path(tmp))


if __name__ == "__main__":
    main()
