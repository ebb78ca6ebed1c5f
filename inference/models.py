"""The models directory: model files plus `manifest.json` (name, file, sha256, licence, source).

Nothing is downloaded at run time. `autostore models install NAME --from FILE` copies a file in after
checking its SHA-256 (against the catalogue below for models we know, or one the user gives), and code that
needs a model asks `ModelRegistry.path(name)`, which says plainly what is missing and how to install it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ModelEntry:
    name: str
    file: str  # relative to the models directory
    sha256: str
    licence: str
    source: str


# Models the product knows how to use, with the checksum of the one file we have vetted.
KNOWN_MODELS: dict[str, ModelEntry] = {
    "yolox_nano": ModelEntry(
        name="yolox_nano",
        file="yolox_nano/yolox_nano.onnx",
        sha256="e8af074932d4ed7e232278e3055cefcdea3edf178874a3694ae292649fb464dd",
        licence="Apache-2.0",
        source="YOLOX (Megvii-BaseDetection/YOLOX) release 0.1.1rc0, yolox_nano.onnx",
    ),
}


class ModelError(RuntimeError):
    """A model is missing, damaged or unknown; the message says what to do."""


def default_models_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("autostore", appauthor=False)) / "models"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ModelRegistry:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_models_dir()

    def entries(self) -> dict[str, ModelEntry]:
        manifest = self.root / MANIFEST
        if not manifest.exists():
            return {}
        try:
            raw = json.loads(manifest.read_text(encoding="utf-8"))
            return {name: ModelEntry(**fields) for name, fields in raw.get("models", {}).items()}
        except (ValueError, TypeError) as exc:
            raise ModelError(f"{manifest} is damaged ({exc}); reinstall the models") from None

    def _write(self, entries: dict[str, ModelEntry]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"models": {n: asdict(e) for n, e in sorted(entries.items())}}, indent=2)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".manifest-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body + "\n")
        os.replace(tmp, self.root / MANIFEST)

    def missing_message(self, name: str) -> str:
        return (
            f"model '{name}' is not installed in {self.root}; install it with "
            f"`autostore models install {name} --from FILE`"
        )

    def path(self, name: str, verify: bool = True) -> Path:
        """The file of an installed model; ModelError (with the fix) when absent or altered."""
        entry = self.entries().get(name)
        if entry is None:
            raise ModelError(self.missing_message(name))
        path = self.root / entry.file
        if not path.is_file():
            raise ModelError(f"model '{name}' is listed but {path} is gone; {self.missing_message(name)}")
        if verify and sha256_of(path) != entry.sha256:
            raise ModelError(f"model '{name}' at {path} does not match its checksum; reinstall it")
        return path

    def is_installed(self, name: str) -> bool:
        try:
            self.path(name, verify=False)
        except ModelError:
            return False
        return True

    def install(
        self,
        name: str,
        source_file: Path,
        sha256: str | None = None,
        licence: str | None = None,
        source: str | None = None,
    ) -> ModelEntry:
        """Copy `source_file` in as `name` after checking its checksum."""
        if not source_file.is_file():
            raise ModelError(f"{source_file} is not a file")
        known = KNOWN_MODELS.get(name)
        expected = (sha256 or (known.sha256 if known else "")).lower()
        if not expected:
            raise ModelError(f"'{name}' is not a model AutoStore knows: give its --sha256 and --licence")
        actual = sha256_of(source_file)
        if actual != expected:
            raise ModelError(f"checksum mismatch for {source_file}: expected {expected}, got {actual}")
        if known is None and not licence:
            raise ModelError(f"give the --licence of '{name}' (it is recorded in the manifest)")
        file = known.file if known else f"{name}/{source_file.name}"
        entry = ModelEntry(
            name=name,
            file=file,
            sha256=actual,
            licence=licence or (known.licence if known else ""),
            source=source or (known.source if known else str(source_file)),
        )
        target = self.root / file
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source_file, tmp)
        os.replace(tmp, target)
        entries = self.entries()
        entries[name] = entry
        self._write(entries)
        return entry


def models_cli(args: argparse.Namespace) -> int:
    """`autostore models install NAME --from FILE` and `autostore models list`."""
    registry = ModelRegistry(Path(args.dir) if args.dir else None)
    try:
        if args.models_command == "install":
            entry = registry.install(
                args.name, Path(args.from_file), sha256=args.sha256, licence=args.licence, source=args.source
            )
            print(f"installed {entry.name} ({entry.licence}) at {registry.root / entry.file}")
            return 0
        entries = registry.entries()
        print(f"models directory: {registry.root}")
        for name in sorted(set(entries) | set(KNOWN_MODELS)):
            state = "installed" if registry.is_installed(name) else "not installed"
            licence = (entries.get(name) or KNOWN_MODELS[name]).licence
            print(f"  {name:<16} {state:<14} {licence}")
        return 0
    except ModelError as exc:
        print(f"autostore models: {exc}", file=sys.stderr)
        return 1
