"""The clip classifier at run time: an exported ONNX model on onnxruntime (no torch on a vision box).

The model file carries what it needs in its ONNX metadata (written by `export`): the class list, the clip
length and size, so a model trained on other classes or sizes still loads and is fed correctly.
No weights ship with AutoStore; until an owner trains and installs one, `missing_reason` says so in words
the camera list can show.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from inference.models import ModelError, ModelRegistry
from inference.vision.classifier.clips import prepare_clip

MODEL_NAME = "vision_clip"  # its name in the models directory (the worker's clip_classifier config)
META_CLASSES = "autostore.classes"
META_CLIP_LEN = "autostore.clip_len"
META_SIZE = "autostore.size"
META_FORMAT = "autostore.format"
FORMAT = "autostore-clip-classifier/1"
LEARNED_CLASSES = ("theft", "damage", "smoking")  # what only this model watches for
INSTALL_HINT = (
    "train one with `autostore vision train --data DIR --out clip.pt`, export it with "
    "`autostore vision export --checkpoint clip.pt --out clip.onnx` and install it with "
    f"`autostore models install {MODEL_NAME} --from clip.onnx --sha256 SHA --licence LICENCE`"
)


class ClipModelError(RuntimeError):
    """The file is not a clip classifier this version can run."""


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    out: np.ndarray = exp / exp.sum(axis=-1, keepdims=True)
    return out


class ClipClassifier:
    """`predict(clip)` takes RGB uint8 frames [T, H, W, 3] (any T, any size) and returns a probability per
    class. Not thread-safe to share across threads that also change it; `predict` itself may run in
    parallel (onnxruntime sessions are)."""

    def __init__(self, path: Path | str, *, intra_op_num_threads: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = max(int(intra_op_num_threads), 1)
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types for unreadable files
            raise ClipModelError(f"{path} cannot be loaded: {exc}") from exc
        meta: dict[str, str] = self._session.get_modelmeta().custom_metadata_map
        if meta.get(META_FORMAT) != FORMAT:
            raise ClipModelError(f"{path} is not an AutoStore clip classifier (no {META_FORMAT} metadata)")
        self.path = Path(path)
        self.classes: tuple[str, ...] = tuple(json.loads(meta[META_CLASSES]))
        self.clip_len = int(meta[META_CLIP_LEN])
        self.size = int(meta[META_SIZE])
        self._input = self._session.get_inputs()[0].name

    @classmethod
    def load(cls, path: Path | str, *, intra_op_num_threads: int = 1) -> ClipClassifier:
        return cls(path, intra_op_num_threads=intra_op_num_threads)

    @property
    def monitored(self) -> tuple[str, ...]:
        """The event classes this model reports (all but the background class)."""
        return tuple(c for c in self.classes if c != "normal")

    def run_prepared(self, clips: np.ndarray) -> np.ndarray:
        """Prepared clips [N, 3, clip_len, size, size] float32 -> probabilities [N, classes]."""
        outputs: Sequence[Any] = self._session.run(None, {self._input: clips.astype(np.float32, copy=False)})
        return _softmax(np.asarray(outputs[0], dtype=np.float32))

    def predict(self, clip: np.ndarray) -> dict[str, float]:
        prepared = prepare_clip(np.asarray(clip), self.clip_len, self.size)
        probabilities = self.run_prepared(prepared[None])[0]
        return {name: float(p) for name, p in zip(self.classes, probabilities, strict=True)}

    @staticmethod
    def missing_reason(models_dir: Path | None, classes: Sequence[str] = LEARNED_CLASSES) -> str | None:
        """None when a usable clip classifier is installed; otherwise why not, and how to fix it."""
        registry = ModelRegistry(models_dir)
        listed = "/".join(classes)
        try:
            path = registry.path(MODEL_NAME)
        except ModelError:
            return f"{listed} not monitored: no clip classifier installed; {INSTALL_HINT}"
        try:
            ClipClassifier(path)
        except (ClipModelError, ImportError) as exc:
            return f"{listed} not monitored: the installed clip classifier cannot run ({exc})"
        return None
