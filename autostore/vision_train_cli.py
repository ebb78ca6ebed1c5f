"""`autostore vision train | eval | export`: the learned clip classifier, from labelled clips to an ONNX
file the worker can run. torch is imported only inside the handlers (training and export need it;
evaluating an ONNX model does not), so `autostore --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ML_HINT = "training needs torch: pip install 'autostore[ml]' (torch==2.13.0, a CPU build)"


def add_training_commands(commands: Any) -> None:
    """Add train, eval and export to the `vision` group's subparsers."""
    p = commands.add_parser("train", help="train the clip classifier on a folder of labelled clips")
    p.add_argument(
        "--data", required=True, metavar="DIR", help="one folder per class, or AI Hub videos + XML"
    )
    p.add_argument(
        "--out", required=True, metavar="FILE", help="checkpoint to write (.pt; .onnx also exports)"
    )
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--clip-len", type=int, default=16, help="frames per clip (default 16)")
    p.add_argument("--size", type=int, default=112, help="frame side in pixels (default 112)")
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=2e-3, help="peak learning rate")
    p.add_argument("--val-fraction", type=float, default=0.2, help="share of videos held out (default 0.2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, help="torch threads (default: all cores)")
    p.add_argument("--workers", type=int, default=0, help="clip-decoding processes (default 0: in-process)")
    p.set_defaults(handler=train_command)

    p = commands.add_parser("eval", help="per-class precision and recall and a confusion matrix")
    p.add_argument("--data", required=True, metavar="DIR", help="labelled clips, as for train")
    p.add_argument("--model", required=True, metavar="FILE", help="an exported .onnx or a .pt checkpoint")
    p.add_argument("--threads", type=int, default=1, help="onnxruntime threads (default 1)")
    p.set_defaults(handler=eval_command)

    p = commands.add_parser("export", help="export a checkpoint to ONNX for the worker")
    p.add_argument("--checkpoint", required=True, metavar="FILE")
    p.add_argument("--out", required=True, metavar="FILE", help="the .onnx file to write")
    p.set_defaults(handler=export_command)


def _fail(message: str) -> int:
    print(f"autostore vision: {message}", file=sys.stderr)
    return 2


def train_command(args: argparse.Namespace) -> int:
    try:
        from inference.vision.classifier.dataset import discover
        from inference.vision.classifier.train import EpochStats, TrainConfig, train
    except ImportError:
        return _fail(ML_HINT)
    out = Path(args.out)
    checkpoint = out.with_suffix(".pt") if out.suffix == ".onnx" else out
    try:
        index = discover(Path(args.data))
    except ValueError as exc:
        return _fail(str(exc))
    print(f"{args.data}: {index.layout} layout, {len(index.samples)} samples")
    for name, count in index.counts().items():
        print(f"  {name:<12} {count}")
    for reason in index.skipped[:20]:
        print(f"  skipped: {reason}")
    if len(index.skipped) > 20:
        print(f"  ... and {len(index.skipped) - 20} more skipped")

    def progress(stats: EpochStats) -> None:
        val = ""
        if stats.val_loss is not None:
            val = f", val loss {stats.val_loss:.4f}, balanced accuracy {stats.val_balanced_accuracy:.3f}"
        print(f"epoch {stats.epoch}/{args.epochs}: train loss {stats.train_loss:.4f}{val}", flush=True)

    config = TrainConfig(
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        clip_len=args.clip_len,
        size=args.size,
        val_fraction=args.val_fraction,
        seed=args.seed,
        workers=args.workers,
        threads=args.threads,
    )
    result = train(index, checkpoint, config, progress)
    print(f"checkpoint: {checkpoint}")
    if result.report is not None:
        print("validation (the epoch kept):")
        print(result.report.format())
    if out.suffix == ".onnx":
        return _export(checkpoint, out)
    print(f"next: autostore vision export --checkpoint {checkpoint} --out {checkpoint.with_suffix('.onnx')}")
    return 0


def eval_command(args: argparse.Namespace) -> int:
    from inference.vision.classifier.evaluate import evaluate_model
    from inference.vision.classifier.runtime import ClipModelError

    try:
        report = evaluate_model(Path(args.model), Path(args.data), threads=args.threads)
    except ImportError:
        return _fail(ML_HINT + " (or evaluate the exported .onnx, which needs only onnxruntime)")
    except (ValueError, ClipModelError) as exc:
        return _fail(str(exc))
    print(report.format())
    return 0


def export_command(args: argparse.Namespace) -> int:
    return _export(Path(args.checkpoint), Path(args.out))


def _export(checkpoint: Path, out: Path) -> int:
    try:
        from inference.vision.classifier.export import export_onnx
        from inference.vision.classifier.runtime import MODEL_NAME
    except ImportError:
        return _fail(ML_HINT + "; exporting also needs onnx")
    try:
        result = export_onnx(checkpoint, out)
    except (ValueError, FileNotFoundError) as exc:
        return _fail(str(exc))
    print(f"exported {result.path} ({', '.join(result.classes)}); sha256 {result.sha256}")
    print(f"torch vs onnxruntime: largest probability difference {result.max_abs_diff:.2e}")
    print(
        f"install: autostore models install {MODEL_NAME} --from {result.path} "
        f"--sha256 {result.sha256} --licence 'your own (trained on your data)'"
    )
    return 0
