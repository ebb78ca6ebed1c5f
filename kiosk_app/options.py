"""How one kiosk process is set up: from the machine's settings and the command line, or by a test (Qt-free).

Remote settings that support staff change (idle timeout, wake distance, offline floor limit) are the
backend's `KioskConfig`, kept in the local store; `Timings` only overrides them where a test or a scripted
benchmark needs seconds to become milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from core.schemas.devices import KioskConfig
    from core.settings import ClientSettings
    from hardware.camera import FrameAnalyser

APP_VERSION = "0.1.0"
KEYRING_SERVICE: Final = "autostore-kiosk"
KEYRING_ACCOUNT = "device"


@dataclass
class Timings:
    idle_timeout_ms: int | None = None  # None: KioskConfig.idle_timeout_s
    countdown_ms: int | None = None  # None: KioskConfig.idle_countdown_s
    receipt_ms: int | None = None  # None: KioskConfig.receipt_timeout_s
    welcome_leave_ms: int = 8000  # the customer walked away before touching anything: back to attract
    heartbeat_ms: int = 30_000
    heartbeat_offline_ms: int = 5_000  # offline: look for the backend more often, to come back quickly
    sync_interval_s: float = 5.0
    sync_base_delay_s: float = 2.0
    sync_max_delay_s: float = 300.0
    sse_keepalive_s: float = 15.0
    camera_burst_frames: int = 5
    camera_burst_interval_s: float = 0.2

    def idle_ms(self, config: KioskConfig | None) -> tuple[int, int]:
        """(quiet time before the countdown, the countdown) in ms: ours if set, else the remote config's."""
        idle = self.idle_timeout_ms or (config.idle_timeout_s * 1000 if config else 60_000)
        countdown = self.countdown_ms or (config.idle_countdown_s * 1000 if config else 15_000)
        return idle, countdown

    def receipt_timeout_ms(self, config: KioskConfig | None) -> int:
        return self.receipt_ms or (config.receipt_timeout_s * 1000 if config else 15_000)


@dataclass
class KioskOptions:
    data_dir: Path
    server_url: str = "http://127.0.0.1:8700"
    language: str = "ko"
    force_language: str | None = None  # --lang: wins over the backend's config
    sensor_url: str = "sim:"
    card_reader_url: str = "sim:"
    camera_url: str = "sim:"
    demo: bool = False
    request_timeout_s: float = 10.0
    app_version: str = APP_VERSION
    timings: Timings = field(default_factory=Timings)
    analyser: FrameAnalyser | None = None  # the camera burst's hook; None: count frames only
    keyring_account: str = KEYRING_ACCOUNT
    # `main` starts from a quick unvalidated read; the boot worker then loads the validated settings.
    load_settings: bool = False
    server_override: str | None = None  # --server: wins over the settings

    @classmethod
    def from_settings(
        cls, settings: ClientSettings, *, demo: bool = False, server_url: str | None = None
    ) -> KioskOptions:
        options = cls(data_dir=Path(settings.data_dir) / "kiosk", language=settings.language, demo=demo)
        options.server_override = server_url
        options.apply_settings(settings)
        return options

    def apply_settings(self, settings: ClientSettings) -> None:
        """What the validated settings decide (the first frame did not need them)."""
        self.server_url = self.server_override or settings.server_url
        self.sensor_url = settings.sensor_url
        self.card_reader_url = settings.card_reader_url
        self.camera_url = settings.camera_url
        self.demo = self.demo or settings.demo_mode
        self.request_timeout_s = settings.request_timeout_s
        self.timings.sync_interval_s = settings.sync_interval_s
