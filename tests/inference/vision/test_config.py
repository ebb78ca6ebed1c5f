"""The worker's config file, store hours, the token file and the models directory with its manifest."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from autostore.cli import main
from inference.models import ModelError, ModelRegistry, sha256_of
from inference.vision.config import ConfigError, load_config, parse_config
from inference.vision.hours import StoreHours
from inference.vision.token_file import FileTokenStore, TokenFileError

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "vision" / "example-config.yaml"


def minimal(**camera: object) -> dict[str, object]:
    return {"queue_dir": "q", "cameras": [{"name": "cam", "source": 0, **camera}]}


def test_the_example_config_is_valid_and_paths_are_relative_to_it() -> None:
    config = load_config(EXAMPLE)
    assert [c.name for c in config.cameras] == ["entrance", "stockroom"]
    assert config.queue_dir == EXAMPLE.parent / "alert-queue"
    assert config.backend is not None and config.backend.token_file == EXAMPLE.parent / "vision-token.json"
    assert [d.type for d in config.cameras[0].detectors] == [
        "person",
        "fall",
        "zones",
        "fire_smoke",
        "clip_classifier",
    ]


def test_unknown_keys_are_rejected_with_where_they_are() -> None:
    data = minimal(colour="red", detectors=[{"type": "fire_smoke", "flickr": 0.2}, {"type": "fal"}])
    data["evnts"] = {}
    with pytest.raises(ConfigError) as caught:
        parse_config(data, "store.yaml")
    message = str(caught.value)
    assert message.startswith("store.yaml is invalid:")
    assert "cameras[0].colour: unknown key" in message
    assert "cameras[0].detectors[0].flickr: unknown key" in message
    assert "cameras[0].detectors[1]: unknown detector type; use one of person, fall" in message
    assert "evnts: unknown key" in message


@pytest.mark.parametrize(
    ("camera", "expected"),
    [
        ({"detectors": [{"type": "fall"}]}, "fall needs a 'person' detector"),
        ({"detectors": [{"type": "person"}, {"type": "zones"}]}, "needs at least one zone"),
        (
            {"detectors": [{"type": "fire_smoke"}, {"type": "fire_smoke"}]},
            "detector listed twice: fire_smoke",
        ),
        ({"roi": [0.5, 0, 0.4, 1]}, "roi must be"),
        ({"name": "bad name!"}, "cameras[0].name"),
    ],
)
def test_inconsistent_cameras_are_explained(camera: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        parse_config(minimal(**camera))


def test_events_and_hours_are_checked() -> None:
    with pytest.raises(ConfigError, match="hits"):
        parse_config({**minimal(), "events": {"window": 2, "hits": 3}})
    with pytest.raises(ConfigError, match="unknown time zone"):
        parse_config({**minimal(), "store": {"timezone": "Mars/Olympus"}})
    with pytest.raises(ConfigError, match="unknown day"):
        parse_config(
            {**minimal(), "store": {"open": [{"days": ["funday"], "start": "09:00", "end": "10:00"}]}}
        )


def test_unreadable_and_malformed_files_say_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_config(broken)


def test_store_hours_in_the_stores_time_zone() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Seoul")
    hours = StoreHours.model_validate(
        {
            "timezone": "Asia/Seoul",
            "open": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "22:00", "end": "06:00"}],
        }
    )

    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 3, day, hour, 0, tzinfo=zone)

    assert not hours.is_closed(at(2, 23))  # Monday night: open
    assert not hours.is_closed(at(3, 5))  # small hours of Tuesday belong to Monday's span
    assert hours.is_closed(at(3, 12))  # Tuesday noon: closed
    assert hours.is_closed(at(7, 23))  # Saturday night: not a trading day
    assert not hours.is_closed(at(7, 3))  # but Friday's span runs into Saturday morning
    assert not hours.is_closed(at(2, 23).astimezone(UTC))  # the same moment in UTC: still open
    shorthand = StoreHours.model_validate({"hours": "09:00-21:00"})
    assert shorthand.is_closed(at(2, 22)) and not shorthand.is_closed(at(2, 10))
    assert not StoreHours().is_closed(at(2, 3))  # no hours given: never closed


def test_the_token_file_is_private_and_keeps_rotated_tokens(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    store = FileTokenStore(path)
    assert store.refresh_token is None
    store.set_refresh_token("r1")
    store.set_store_id(7)
    store.set_device_id("dev")
    assert (path.stat().st_mode & 0o777) == 0o600
    again = FileTokenStore(path)
    assert (again.refresh_token, again.store_id, again.device_id) == ("r1", 7, "dev")
    again.set_refresh_token("r2")
    assert FileTokenStore(path).refresh_token == "r2"
    os.chmod(path, 0o644)
    with pytest.raises(TokenFileError, match="chmod 600"):
        _ = FileTokenStore(path).refresh_token


def test_models_install_verifies_the_checksum_and_writes_the_manifest(tmp_path: Path) -> None:
    model = tmp_path / "model.onnx"
    model.write_bytes(b"weights")
    registry = ModelRegistry(tmp_path / "models")
    with pytest.raises(
        ModelError, match=r"not installed .* `autostore models install yolox_nano --from FILE`"
    ):
        registry.path("yolox_nano")
    with pytest.raises(ModelError, match="checksum mismatch"):
        registry.install("yolox_nano", model)  # a known model: its checksum is fixed
    with pytest.raises(ModelError, match="--sha256"):
        registry.install("shop_model", model)
    entry = registry.install("shop_model", model, sha256=sha256_of(model), licence="MIT", source="ours")
    assert registry.path("shop_model").read_bytes() == b"weights"
    manifest = json.loads((tmp_path / "models" / "manifest.json").read_text())
    assert manifest["models"]["shop_model"] == {
        "name": "shop_model",
        "file": "shop_model/model.onnx",
        "sha256": entry.sha256,
        "licence": "MIT",
        "source": "ours",
    }
    (tmp_path / "models" / "shop_model" / "model.onnx").write_bytes(b"tampered")
    with pytest.raises(ModelError, match="does not match its checksum"):
        registry.path("shop_model")


def test_the_cli_installs_models_and_checks_configs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "m.onnx"
    model.write_bytes(b"w")
    digest = sha256_of(model)
    assert (
        main(
            [
                "models",
                "--dir",
                str(tmp_path / "models"),
                "install",
                "mine",
                "--from",
                str(model),
                "--sha256",
                digest,
                "--licence",
                "MIT",
            ]
        )
        == 0
    )
    assert main(["models", "install", "other", "--from", str(model), "--dir", str(tmp_path / "models")]) == 1
    assert "--sha256" in capsys.readouterr().err
    assert main(["models", "--dir", str(tmp_path / "models"), "list"]) == 0
    listing = capsys.readouterr().out
    assert "mine" in listing and "yolox_nano       not installed" in listing

    config = tmp_path / "vision.json"
    config.write_text(
        json.dumps(
            {
                "queue_dir": "q",
                "models_dir": "models",
                "cameras": [
                    {
                        "name": "c",
                        "source": 0,
                        "detectors": [
                            {"type": "person"},
                            {"type": "fall"},
                            {"type": "fire_smoke"},
                            {"type": "clip_classifier"},
                        ],
                    }
                ],
            }
        )
    )
    assert main(["vision", "check-config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "monitored: fire, smoke" in out
    assert "NOT monitored: fall: person detection unavailable: model 'yolox_nano' is not installed" in out
    assert "NOT monitored: theft: no trained clip classifier is installed" in out
    config.write_text(json.dumps({"queue_dir": "q", "cameras": [{"name": "c", "source": 0, "fps": 0}]}))
    assert main(["vision", "check-config", str(config)]) == 2
    assert "cameras[0].fps: Input should be greater than 0" in capsys.readouterr().err
