"""Export a training checkpoint to ONNX for the vision worker, and check the export against torch.

Uses torch's TorchScript-based exporter (`dynamo=False`), which needs no onnxscript. The batch axis is
dynamic; frames and size are fixed to what the model was trained on and are written, with the classes,
into the ONNX metadata the runtime reads.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import torch

from inference.models import sha256_of
from inference.vision.classifier.runtime import (
    FORMAT,
    META_CLASSES,
    META_CLIP_LEN,
    META_FORMAT,
    META_SIZE,
    ClipClassifier,
)
from inference.vision.classifier.train import load_checkpoint

OPSET = 17


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    classes: tuple[str, ...]
    max_abs_diff: float  # largest difference of class probabilities, torch vs onnxruntime


def export_onnx(checkpoint: Path, out: Path, *, check_batch: int = 2, seed: int = 0) -> ExportResult:
    model, body = load_checkpoint(checkpoint)
    classes = tuple(body["classes"])
    clip_len, size = int(body["clip_len"]), int(body["size"])
    example = torch.randn(1, 3, clip_len, size, size)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with torch.no_grad(), warnings.catch_warnings():
        # The TorchScript exporter is deprecated in favour of dynamo's, which needs onnxscript; ours is
        # a plain conv net the old exporter handles, and onnxruntime checks the result below.
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(
            model,
            (example,),
            str(tmp),
            input_names=["clip"],
            output_names=["logits"],
            dynamic_axes={"clip": {0: "batch"}, "logits": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )
    proto = onnx.load(str(tmp))
    meta = {
        META_FORMAT: FORMAT,
        META_CLASSES: json.dumps(list(classes)),
        META_CLIP_LEN: str(clip_len),
        META_SIZE: str(size),
    }
    for key, value in meta.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(proto)
    onnx.save(proto, str(tmp))
    tmp.replace(out)
    return ExportResult(out, sha256_of(out), classes, _compare(model, out, check_batch, seed))


def _compare(model: torch.nn.Module, path: Path, batch: int, seed: int) -> float:
    """Run the same random clips through torch and onnxruntime; the largest probability difference."""
    classifier = ClipClassifier.load(path)
    rng = np.random.default_rng(seed)
    clips = rng.standard_normal((batch, 3, classifier.clip_len, classifier.size, classifier.size))
    clips = clips.astype(np.float32)
    with torch.no_grad():
        expected = torch.softmax(model(torch.from_numpy(clips)), dim=1).numpy()
    return float(np.abs(classifier.run_prepared(clips) - expected).max())
