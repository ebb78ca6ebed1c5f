"""The clip classifier end to end on a tiny synthetic dataset: the training loss falls, the ONNX export gives
torch's outputs, the runtime loads it from the models directory, and the `autostore vision` commands work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

import onnx
import torch

from autostore.cli import main as autostore_main
from inference.models import ModelRegistry, sha256_of
from inference.vision.classifier import MODEL_NAME, ClipClassifier
from inference.vision.classifier.clips import prepare_clip
from inference.vision.classifier.export import ExportResult, export_onnx
from inference.vision.classifier.train import TrainConfig, TrainResult, load_checkpoint, train

pytestmark = pytest.mark.slow
CLIP_LEN, SIZE = 8, 32


def synthetic_clip(label: str, rng: np.random.Generator) -> np.ndarray:
    """8 frames of 32x32 noise with a bright block: still for `normal`, sliding right for `theft`."""
    clip = rng.integers(0, 40, (CLIP_LEN, SIZE, SIZE, 3), dtype=np.uint8)
    top = int(rng.integers(4, 20))
    for t in range(CLIP_LEN):
        left = 2 + 3 * t if label == "theft" else 12
        clip[t, top : top + 8, left : left + 6] = 255
    return clip


def write_dataset(root: Path, per_class: int, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    for label in ("normal", "theft"):
        (root / label).mkdir(parents=True)
        for i in range(per_class):
            np.save(root / label / f"{i}.npy", synthetic_clip(label, rng))
    return root


@dataclass
class Trained:
    data: Path
    result: TrainResult
    export: ExportResult


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Trained:
    base = tmp_path_factory.mktemp("clips")
    data = write_dataset(base / "data", per_class=12, seed=0)
    config = TrainConfig(
        epochs=6, batch_size=4, lr=1e-2, clip_len=CLIP_LEN, size=SIZE, val_fraction=0.25, tiny=True, threads=1
    )
    result = train(data, base / "clip.pt", config)
    return Trained(data, result, export_onnx(base / "clip.pt", base / "clip.onnx"))


def test_the_training_loss_falls(trained: Trained) -> None:
    losses = [epoch.train_loss for epoch in trained.result.history]
    assert len(losses) == 6
    assert losses[-1] < 0.9 * losses[0], losses
    assert trained.result.classes == ("normal", "theft")
    assert trained.result.report is not None and trained.result.report.support.sum() == 6  # 3 videos each


def test_the_onnx_export_matches_torch(trained: Trained) -> None:
    assert trained.export.max_abs_diff < 1e-4
    model, _ = load_checkpoint(trained.result.checkpoint)
    classifier = ClipClassifier.load(trained.export.path)
    rng = np.random.default_rng(5)
    outputs = []
    for label in ("normal", "theft"):
        clip = synthetic_clip(label, rng)
        with torch.no_grad():
            expected = torch.softmax(model(torch.from_numpy(prepare_clip(clip, CLIP_LEN, SIZE))[None]), 1)[0]
        got = classifier.predict(clip)
        assert list(got) == ["normal", "theft"]
        assert np.allclose([got["normal"], got["theft"]], expected.numpy(), atol=1e-4)
        outputs.append(got["theft"])
    assert abs(outputs[0] - outputs[1]) > 1e-3  # the model looks at its input


def test_the_runtime_reads_its_settings_from_the_model_and_takes_any_clip(trained: Trained) -> None:
    classifier = ClipClassifier(trained.export.path, intra_op_num_threads=2)
    assert (classifier.classes, classifier.clip_len, classifier.size) == (("normal", "theft"), CLIP_LEN, SIZE)
    assert classifier.monitored == ("theft",)
    frames = np.random.default_rng(0).integers(0, 255, (20, 48, 64, 3), dtype=np.uint8)
    scores = classifier.predict(frames)
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-5)
    assert all(0.0 <= p <= 1.0 for p in scores.values())


def test_missing_reason_until_a_usable_model_is_installed(trained: Trained, tmp_path: Path) -> None:
    models = tmp_path / "models"
    reason = ClipClassifier.missing_reason(models)
    assert reason is not None
    assert reason.startswith("theft/damage/smoking not monitored: no clip classifier installed")
    assert "autostore vision train" in reason and f"autostore models install {MODEL_NAME}" in reason

    foreign = tmp_path / "foreign.onnx"
    graph = onnx.helper.make_graph(
        [onnx.helper.make_node("Identity", ["x"], ["y"])],
        "identity",
        [onnx.helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1])],
        [onnx.helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1])],
    )
    model = onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", 17)], ir_version=8)
    onnx.save(model, str(foreign))
    registry = ModelRegistry(models)
    registry.install(MODEL_NAME, foreign, sha256=sha256_of(foreign), licence="test")
    reason = ClipClassifier.missing_reason(models)
    assert reason is not None and "cannot run" in reason and "not an AutoStore clip classifier" in reason

    registry.install(MODEL_NAME, trained.export.path, sha256=trained.export.sha256, licence="test")
    assert ClipClassifier.missing_reason(models) is None


def test_the_vision_commands_evaluate_export_and_train(
    trained: Trained, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        autostore_main(["vision", "eval", "--data", str(trained.data), "--model", str(trained.export.path)])
        == 0
    )
    out = capsys.readouterr().out
    assert "precision" in out and "confusion matrix" in out and "theft" in out

    onnx_out = tmp_path / "again.onnx"
    args = ["vision", "export", "--checkpoint", str(trained.result.checkpoint), "--out", str(onnx_out)]
    assert autostore_main(args) == 0
    out = capsys.readouterr().out
    assert f"autostore models install {MODEL_NAME} --from {onnx_out}" in out
    assert ClipClassifier.load(onnx_out).classes == ("normal", "theft")

    small = write_dataset(tmp_path / "small", per_class=3, seed=1)
    model_out = tmp_path / "cli.onnx"
    args = ["vision", "train", "--data", str(small), "--out", str(model_out), "--epochs", "1"]
    args += ["--clip-len", "4", "--size", "32", "--threads", "1", "--batch-size", "3"]
    assert autostore_main(args) == 0
    out = capsys.readouterr().out
    assert "folders layout, 6 samples" in out and "epoch 1/1" in out
    assert ClipClassifier.load(model_out).clip_len == 4 and (tmp_path / "cli.pt").is_file()

    assert autostore_main(["vision", "train", "--data", str(tmp_path / "nope"), "--out", "x.pt"]) == 2
    assert "is not a folder" in capsys.readouterr().err
