"""Training the clip classifier on a folder of labelled clips (see `dataset` for the layouts).

AdamW with a warm-up then a cosine decay; cross-entropy weighted by inverse class frequency (theft clips
are rare next to normal footage); videos split so none is in both training and validation. The checkpoint
kept is the epoch with the best validation balanced accuracy (the last one when nothing is held out). It
holds everything needed to rebuild and export the model: weights, architecture, classes, clip length, size.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

from inference.vision.classifier.clips import DEFAULT_CLIP_LEN, DEFAULT_SIZE
from inference.vision.classifier.dataset import ClipIndex, ClipSample, discover, load_clip, split_by_video
from inference.vision.classifier.evaluate import EvalReport, report_from_predictions
from inference.vision.classifier.model import X3D, X3DConfig

log = logging.getLogger(__name__)
CHECKPOINT_FORMAT = 1


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 30
    batch_size: int = 8
    lr: float = 2e-3
    weight_decay: float = 5e-4
    clip_len: int = DEFAULT_CLIP_LEN
    size: int = DEFAULT_SIZE
    val_fraction: float = 0.2
    seed: int = 0
    workers: int = 0
    threads: int | None = None  # torch's intra-op threads; None: torch's default (all cores)
    tiny: bool = False  # the test-sized network


@dataclass
class EpochStats:
    epoch: int
    train_loss: float
    val_loss: float | None = None
    val_balanced_accuracy: float | None = None


@dataclass
class TrainResult:
    checkpoint: Path
    classes: tuple[str, ...]
    history: list[EpochStats] = field(default_factory=list)
    report: EvalReport | None = None  # on the validation videos, with the weights kept


class ClipDataset(Dataset[tuple[torch.Tensor, int]]):
    def __init__(self, samples: list[ClipSample], classes: tuple[str, ...], config: TrainConfig, train: bool):
        self.samples = samples
        self.label_ids = {c: i for i, c in enumerate(classes)}
        self.config = config
        self.train = train
        self.epoch = 0

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        sample = self.samples[index]
        # Augmentation differs per epoch and item, yet a run with the same seed is reproducible.
        rng = np.random.default_rng((self.config.seed, self.epoch, index)) if self.train else None
        clip = load_clip(sample, self.config.clip_len, self.config.size, rng)
        return torch.from_numpy(clip), self.label_ids[sample.label]


def class_weights(samples: list[ClipSample], classes: tuple[str, ...]) -> torch.Tensor:
    counts = np.array([sum(s.label == c for s in samples) for c in classes], dtype=np.float64)
    weights = np.where(counts > 0, counts.sum() / (len(classes) * np.maximum(counts, 1)), 0.0)
    return torch.tensor(weights, dtype=torch.float32)


def _run_validation(
    model: nn.Module,
    loader: DataLoader[tuple[torch.Tensor, int]],
    loss_fn: nn.Module,
    classes: tuple[str, ...],
) -> tuple[float, EvalReport]:
    model.eval()
    losses: list[float] = []
    truth: list[int] = []
    predicted: list[int] = []
    with torch.no_grad():
        for clips, labels in loader:
            logits = model(clips)
            losses.append(float(loss_fn(logits, labels)) * len(labels))
            truth.extend(labels.tolist())
            predicted.extend(logits.argmax(dim=1).tolist())
    return sum(losses) / max(len(truth), 1), report_from_predictions(classes, truth, predicted)


def warmup_cosine(total_steps: int, warmup_fraction: float = 0.1) -> Callable[[int], float]:
    """The learning-rate factor per step: a linear warm-up (the first steps of a fresh net are the wildest),
    then a cosine decay to 1% of the peak."""
    warmup = max(1, round(total_steps * warmup_fraction))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = min((step - warmup) / max(total_steps - warmup, 1), 1.0)
        return 0.01 + 0.99 * 0.5 * (1.0 + math.cos(math.pi * progress))

    return factor


def train(
    data: Path | ClipIndex,
    out: Path,
    config: TrainConfig,
    progress: Callable[[EpochStats], None] | None = None,
) -> TrainResult:
    """Train on `data` (a folder, or an index already built) and write the checkpoint to `out`."""
    index = data if isinstance(data, ClipIndex) else discover(data)
    classes = index.classes
    train_samples, val_samples = split_by_video(index.samples, config.val_fraction, config.seed)
    if not train_samples:
        raise ValueError("no training samples")
    torch.manual_seed(config.seed)
    if config.threads is not None:
        # On a shared or busy machine one thread can be many times faster than several spinning ones.
        torch.set_num_threads(config.threads)
    arch = X3DConfig.tiny(len(classes)) if config.tiny else X3DConfig(len(classes))
    model = X3D(arch)
    train_set = ClipDataset(train_samples, classes, config, train=True)
    generator = torch.Generator().manual_seed(config.seed)
    train_loader = DataLoader(
        train_set, batch_size=config.batch_size, shuffle=True, generator=generator, num_workers=config.workers
    )
    val_loader = DataLoader(
        ClipDataset(val_samples, classes, config, train=False), batch_size=config.batch_size, num_workers=0
    )
    loss_fn = nn.CrossEntropyLoss(weight=class_weights(train_samples, classes))
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    steps = max(config.epochs * math.ceil(len(train_set) / config.batch_size), 1)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, warmup_cosine(steps))

    result = TrainResult(out, classes)
    best = -1.0
    for epoch in range(1, config.epochs + 1):
        train_set.epoch = epoch
        model.train()
        total, seen = 0.0, 0
        for clips, labels in train_loader:
            optimiser.zero_grad()
            loss = loss_fn(model(clips), labels)
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(labels)
            seen += len(labels)
        stats = EpochStats(epoch, total / max(seen, 1))
        report = None
        if val_samples:
            stats.val_loss, report = _run_validation(model, val_loader, loss_fn, classes)
            stats.val_balanced_accuracy = report.balanced_accuracy
        result.history.append(stats)
        if progress is not None:
            progress(stats)
        score = stats.val_balanced_accuracy if stats.val_balanced_accuracy is not None else float(epoch)
        if score >= best:
            best = score
            result.report = report
            save_checkpoint(out, model, arch, classes, config, stats)
    return result


def save_checkpoint(
    path: Path,
    model: nn.Module,
    arch: X3DConfig,
    classes: tuple[str, ...],
    config: TrainConfig,
    stats: EpochStats,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body: dict[str, Any] = {
        "format": CHECKPOINT_FORMAT,
        "state_dict": model.state_dict(),
        "arch": arch.to_dict(),
        "classes": list(classes),
        "clip_len": config.clip_len,
        "size": config.size,
        "train_config": asdict(config),
        "epoch": asdict(stats),
    }
    tmp = path.with_name(path.name + ".tmp")
    torch.save(body, tmp)
    tmp.replace(path)


def load_checkpoint(path: Path) -> tuple[X3D, dict[str, Any]]:
    """The model (in eval mode) and the checkpoint's other fields."""
    body: dict[str, Any] = torch.load(path, map_location="cpu", weights_only=True)
    if body.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"{path} is not a clip classifier checkpoint this version reads")
    model = X3D(X3DConfig.from_dict(body["arch"]))
    model.load_state_dict(body["state_dict"])
    model.eval()
    return model, body
