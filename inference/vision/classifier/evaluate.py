"""How good a clip classifier is on labelled clips: per-class precision and recall, and a confusion matrix.

Works on an exported ONNX model (through the same runtime the worker uses, no torch needed) or on a
training checkpoint (torch). Every sample of the folder is evaluated with centred, unflipped frames, as at
run time; samples of classes the model does not know are counted and left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from inference.vision.classifier.dataset import ClipSample, discover, load_clip


@dataclass(frozen=True)
class EvalReport:
    classes: tuple[str, ...]
    confusion: np.ndarray  # [true class, predicted class] counts
    skipped: int = 0  # samples whose class the model does not know

    @property
    def support(self) -> np.ndarray:
        support: np.ndarray = self.confusion.sum(axis=1)
        return support

    @property
    def precision(self) -> np.ndarray:
        predicted = self.confusion.sum(axis=0)
        out: np.ndarray = np.divide(
            np.diag(self.confusion), predicted, out=np.zeros(len(self.classes)), where=predicted > 0
        )
        return out

    @property
    def recall(self) -> np.ndarray:
        out: np.ndarray = np.divide(
            np.diag(self.confusion), self.support, out=np.zeros(len(self.classes)), where=self.support > 0
        )
        return out

    @property
    def accuracy(self) -> float:
        total = int(self.confusion.sum())
        return float(np.trace(self.confusion)) / total if total else 0.0

    @property
    def balanced_accuracy(self) -> float:
        """Mean recall over the classes present: a model that calls everything normal scores low."""
        present = self.support > 0
        return float(self.recall[present].mean()) if present.any() else 0.0

    def format(self) -> str:
        width = max(12, *(len(c) + 2 for c in self.classes))
        lines = [f"{'class':<{width}}{'precision':>10}{'recall':>10}{'support':>10}"]
        for i, name in enumerate(self.classes):
            lines.append(
                f"{name:<{width}}{self.precision[i]:>10.3f}{self.recall[i]:>10.3f}{int(self.support[i]):>10d}"
            )
        lines.append(f"accuracy {self.accuracy:.3f}, balanced accuracy {self.balanced_accuracy:.3f}")
        lines.append("")
        lines.append("confusion matrix (rows: true class, columns: predicted)")
        lines.append(" " * width + "".join(f"{c[:9]:>10}" for c in self.classes))
        for i, name in enumerate(self.classes):
            lines.append(f"{name:<{width}}" + "".join(f"{int(n):>10d}" for n in self.confusion[i]))
        if self.skipped:
            lines.append(f"({self.skipped} samples of classes the model does not know were left out)")
        return "\n".join(lines)


def report_from_predictions(
    classes: Sequence[str], truth: Sequence[int], predicted: Sequence[int], skipped: int = 0
) -> EvalReport:
    confusion = np.zeros((len(classes), len(classes)), dtype=np.int64)
    np.add.at(confusion, (np.asarray(truth, dtype=np.int64), np.asarray(predicted, dtype=np.int64)), 1)
    return EvalReport(tuple(classes), confusion, skipped)


# A batch of prepared clips [N, 3, T, S, S] -> class probabilities or logits [N, classes].
ScoreFn = Callable[[np.ndarray], np.ndarray]


def evaluate_samples(
    samples: Sequence[ClipSample],
    classes: Sequence[str],
    score: ScoreFn,
    clip_len: int,
    size: int,
    batch_size: int = 8,
) -> EvalReport:
    ids = {c: i for i, c in enumerate(classes)}
    known = [s for s in samples if s.label in ids]
    truth: list[int] = []
    predicted: list[int] = []
    for first in range(0, len(known), batch_size):
        batch = known[first : first + batch_size]
        clips = np.stack([load_clip(s, clip_len, size) for s in batch])
        predicted.extend(int(i) for i in np.argmax(score(clips), axis=1))
        truth.extend(ids[s.label] for s in batch)
    return report_from_predictions(classes, truth, predicted, skipped=len(samples) - len(known))


def evaluate_model(model_path: Path, data_dir: Path, *, threads: int = 1) -> EvalReport:
    """Evaluate an `.onnx` model or a `.pt` checkpoint on every clip under `data_dir`."""
    index = discover(data_dir)
    if model_path.suffix == ".onnx":
        from inference.vision.classifier.runtime import ClipClassifier

        classifier = ClipClassifier.load(model_path, intra_op_num_threads=threads)
        return evaluate_samples(
            index.samples, classifier.classes, classifier.run_prepared, classifier.clip_len, classifier.size
        )
    import torch

    from inference.vision.classifier.train import load_checkpoint

    model, body = load_checkpoint(model_path)

    def score(clips: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            out: np.ndarray = model(torch.from_numpy(clips)).numpy()
        return out

    return evaluate_samples(index.samples, body["classes"], score, body["clip_len"], body["size"])
