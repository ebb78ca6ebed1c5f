"""Shared by the PyInstaller specs in this folder: what goes into an app bundle and what stays out.

The specs are run by PyInstaller (`pyinstaller packaging/autostore-kiosk.spec`), which executes them with
its build names (Analysis, PYZ, EXE, COLLECT) in scope; they pass those in here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Never needed by either app; some are huge (torch alone is ~750 MB) and would be pulled in by a stray
# optional import somewhere in a dependency.
EXCLUDES = [
    "backend",
    "fastapi",
    "uvicorn",
    "alembic",
    "starlette",
    "torch",
    "torchvision",
    "torchaudio",
    "tensorflow",
    "onnx",
    "onnxruntime",
    "insightface",
    "sklearn",
    "scipy",
    "yaml",
    "matplotlib",
    "pandas",
    "tkinter",
    "IPython",
    "pytest",
    "mypy",
    "ast_serialize",
    "uvloop",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
]

# Per app: the owner app drives no camera, so OpenCV (~100 MB) stays out of its bundle.
APP_EXCLUDES = {
    "autostore-kiosk": [],
    "autostore-owner": ["cv2"],
}

# Loaded by name at run time (entry points, plugins), so PyInstaller's import scan cannot see them.
HIDDEN_IMPORTS = [
    "keyring.backends.SecretService",
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyring.backends.chainer",
]

# Resource files an app reads at run time; sources (.ts translations, firmware sketches) stay out.
RESOURCE_SUFFIXES = {".qss", ".qm", ".json", ".png", ".svg", ".ico", ".csv"}


def resource_datas(app: str) -> list[tuple[str, str]]:
    """The shared folders (themes, translations) plus the app's own: resources/kiosk or resources/owner."""
    base = ROOT / "resources"
    own = app.removeprefix("autostore-")
    datas = []
    for folder in ("themes", "translations", own):
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix in RESOURCE_SUFFIXES:
                datas.append((str(path), str(Path("resources") / path.parent.relative_to(base))))
    return datas


def build_app(names: dict[str, Any], app: str, entry: str, windowed: bool = True) -> Any:
    """Analysis -> PYZ -> EXE -> COLLECT for one app; `names` is the spec's globals()."""
    from PyInstaller.utils.hooks import collect_submodules

    # Every module of the app itself: some screens are imported by name, out of the import scan's sight.
    package = entry.split("/")[0]
    analysis = names["Analysis"](
        [str(ROOT / entry)],
        pathex=[str(ROOT)],
        datas=resource_datas(app),
        hiddenimports=HIDDEN_IMPORTS + collect_submodules(package),
        excludes=EXCLUDES + APP_EXCLUDES[app],
        noarchive=False,
    )
    pyz = names["PYZ"](analysis.pure)
    exe = names["EXE"](
        pyz,
        analysis.scripts,
        [],
        exclude_binaries=True,
        name=app,
        console=not windowed,
        strip=False,
        upx=False,
    )
    return names["COLLECT"](exe, analysis.binaries, analysis.datas, strip=False, upx=False, name=app)
