"""Fixtures for the device tests: fake Arduinos on ptys, a real pcscd with vpcd readers, virtual cards."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.hardware.fake_arduino import FakeArduino, Reply
from tests.hardware.vicc import VPCD_PORT, VirtualCard, VirtualCardLink

READER_0 = "Virtual PCD 00 00"  # vpcd port 35963
READER_1 = "Virtual PCD 00 01"  # vpcd port 35964
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")


@pytest.fixture
def make_arduino() -> Iterator[Callable[..., FakeArduino]]:
    boards: list[FakeArduino] = []

    def make(script: tuple[Reply, ...] = (), default: Reply = 100.0) -> FakeArduino:
        board = FakeArduino(script, default)
        boards.append(board)
        return board

    yield make
    for board in boards:
        board.close()


def _list_readers() -> list[str] | None:
    """Readers pcscd offers, or None when no pcscd answers."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return None
    try:
        hr, readers = scard.SCardListReaders(ctx, [])
        return list(readers) if hr == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(ctx)


@pytest.fixture(scope="session")
def pcsc_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A running pcscd with the vpcd readers: reuse one that runs, else start our own for the session."""
    pytest.importorskip("smartcard", reason="pyscard is not installed (apt libpcsclite-dev; pip pyscard)")
    pcscd = shutil.which("pcscd") or ("/usr/sbin/pcscd" if os.path.exists("/usr/sbin/pcscd") else None)
    if pcscd is None:
        pytest.skip("pcscd is not installed (apt-get install pcscd)")
    if not VPCD_DRIVER.exists():
        pytest.skip("the vpcd reader driver is not installed (apt-get install vsmartcard-vpcd)")
    readers = _list_readers()
    process: subprocess.Popen[bytes] | None = None
    if readers is None:
        log_path = tmp_path_factory.mktemp("pcscd") / "pcscd.log"
        with log_path.open("wb") as log:
            # No --apdu: pcscd would log every APDU, card numbers included.
            process = subprocess.Popen([pcscd, "--foreground"], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and process.poll() is None:
            readers = _list_readers()
            if readers and READER_0 in readers:
                break
            time.sleep(0.1)
        if not readers or READER_0 not in readers:
            process.kill()
            process.wait()
            pytest.skip(f"pcscd did not start with the vpcd readers: {log_path.read_text()[-500:]}")
    elif READER_0 not in readers:
        pytest.skip(f"pcscd runs without vpcd readers ({readers}); restart it after installing vpcd")
    yield
    if process is not None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def insert_card(pcsc_stack: None) -> Iterator[Callable[..., VirtualCardLink]]:
    """`insert_card(card, port=35963)` puts a virtual card into a vpcd reader; all are removed afterwards."""
    links: list[VirtualCardLink] = []

    def insert(card: VirtualCard, port: int = VPCD_PORT) -> VirtualCardLink:
        link = VirtualCardLink(card, port).insert()
        links.append(link)
        return link

    yield insert
    for link in links:
        link.remove()
