"""The serial distance sensor driver against a fake Arduino on a real pty (pyserial opens the slave side)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hardware.device import Backoff
from hardware.distance_sensor import (
    DistanceReading,
    SensorState,
    SerialDistanceSensor,
    open_distance_sensor,
)
from tests.hardware.fake_arduino import HANGUP, SILENCE, FakeArduino
from tests.hardware.recorder import WAIT, Recorder

MakeArduino = Callable[..., FakeArduino]
MakeSensor = Callable[[str], SerialDistanceSensor]


@pytest.fixture
def make_sensor() -> Iterator[MakeSensor]:
    sensors: list[SerialDistanceSensor] = []

    def make(port: str) -> SerialDistanceSensor:
        # Fast settings so the tests run quickly; the protocol and the code paths are the real ones.
        sensor = SerialDistanceSensor(
            port, interval=0.02, reply_timeout=0.15, settle=0.0, backoff=Backoff(0.05, 0.2)
        )
        sensors.append(sensor)
        return sensor

    yield make
    for sensor in sensors:
        sensor.stop()


def test_reads_centimetres_and_the_out_of_range_sentinel(
    make_arduino: MakeArduino, make_sensor: MakeSensor
) -> None:
    board = make_arduino(script=(123.45, -1), default=80.0)
    readings: Recorder[DistanceReading] = Recorder()
    sensor = make_sensor(board.path)
    sensor.start(readings)

    got = readings.wait_until(lambda items: len(items) >= 3)
    assert [r.cm for r in got[:3]] == [123.45, None, 80.0]
    assert not got[1].in_range
    assert sensor.health.state == SensorState.OK
    assert sensor.latest is not None and sensor.latest.at.tzinfo is not None


def test_garbage_lines_are_counted_and_skipped(make_arduino: MakeArduino, make_sensor: MakeSensor) -> None:
    garbage = (b"hello\r\n", b"12.3.4\r\n", b"\xff\xfe\x00\r\n", b"nan\r\n")
    board = make_arduino(script=(*garbage, 42.0), default=43.0)
    readings: Recorder[DistanceReading] = Recorder()
    sensor = make_sensor(board.path)
    sensor.start(readings)

    got = readings.wait_until(lambda items: len(items) >= 2)
    assert [r.cm for r in got[:2]] == [42.0, 43.0]  # nothing from the garbage slipped through
    assert sensor.stats.garbage_lines == len(garbage)
    assert sensor.health.state == SensorState.OK


def test_nothing_but_garbage_is_a_bad_data_state(make_arduino: MakeArduino, make_sensor: MakeSensor) -> None:
    board = make_arduino(default=b"\x00\x13\x7f~~\r\n")  # what a wrong baud rate looks like
    sensor = make_sensor(board.path)
    sensor.start()
    assert sensor.wait_for(SensorState.BAD_DATA, timeout=WAIT)
    assert "baud" in sensor.health.message
    board.set_default(55.5)
    assert sensor.wait_for(SensorState.OK, timeout=WAIT)


def test_silence_becomes_no_reply_and_recovers(make_arduino: MakeArduino, make_sensor: MakeSensor) -> None:
    board = make_arduino(script=(10.0,), default=SILENCE)
    readings: Recorder[DistanceReading] = Recorder()
    sensor = make_sensor(board.path)
    sensor.start(readings)

    assert sensor.wait_for(SensorState.NO_REPLY, timeout=WAIT)
    assert sensor.stats.timeouts >= sensor.no_reply_after
    assert [r.cm for r in readings.items] == [10.0]
    board.set_default(20.0)
    readings.wait_for(lambda r: r.cm == 20.0)
    assert sensor.health.state == SensorState.OK


def test_unplug_then_replug_reconnects(
    make_arduino: MakeArduino, make_sensor: MakeSensor, tmp_path: Path
) -> None:
    port = tmp_path / "ttyACM0"  # a stable name, as /dev/serial/by-id gives a real board
    first = make_arduino(script=(30.0, 31.0, HANGUP))
    first.link(port)
    readings: Recorder[DistanceReading] = Recorder()
    states: Recorder[SensorState] = Recorder()
    sensor = make_sensor(str(port))
    sensor.on_health(lambda health: states(health.state))
    sensor.start(readings)

    readings.wait_until(lambda items: len(items) >= 2)
    assert sensor.wait_for(SensorState.DISCONNECTED, timeout=WAIT)
    assert str(port) in sensor.health.message

    second = make_arduino(default=66.0)  # the board is back, on a new pty behind the same name
    second.link(port)
    readings.wait_for(lambda r: r.cm == 66.0)
    assert sensor.health.state == SensorState.OK
    assert sensor.stats.reconnects >= 1
    assert states.items.index(SensorState.DISCONNECTED) < len(states.items) - 1


def test_a_missing_port_is_a_state_not_a_crash(
    make_arduino: MakeArduino, make_sensor: MakeSensor, tmp_path: Path
) -> None:
    port = tmp_path / "ttyUSB7"
    sensor = make_sensor(str(port))
    sensor.start()
    assert sensor.wait_for(SensorState.DISCONNECTED, timeout=WAIT)
    assert "ttyUSB7" in sensor.health.message and "USB cable" in sensor.health.message

    make_arduino(default=12.5).link(port)  # plugged in later
    assert sensor.wait_for(SensorState.OK, timeout=WAIT)


def test_readings_generator_ends_on_stop_and_on_cancel(
    make_arduino: MakeArduino, make_sensor: MakeSensor
) -> None:
    board = make_arduino(default=70.0)
    sensor = make_sensor(board.path)
    sensor.start()

    cancel = threading.Event()
    seen = []
    for reading in sensor.readings(cancel):
        seen.append(reading.cm)
        if len(seen) == 3:
            cancel.set()
    assert seen == [70.0, 70.0, 70.0]

    ended = threading.Event()

    def consume() -> None:
        for _ in sensor.readings():
            pass
        ended.set()

    threading.Thread(target=consume, daemon=True).start()
    sensor.stop()
    assert ended.wait(WAIT)


def test_a_failing_callback_does_not_stop_the_sensor(
    make_arduino: MakeArduino, make_sensor: MakeSensor
) -> None:
    board = make_arduino(default=33.0)
    readings: Recorder[DistanceReading] = Recorder()

    def broken(reading: DistanceReading) -> None:
        raise RuntimeError("a bug in the kiosk")

    sensor = make_sensor(board.path)
    sensor.start(broken)
    sensor._callbacks.append(readings)
    readings.wait_until(lambda items: len(items) >= 3)
    assert sensor.health.state == SensorState.OK


def test_open_distance_sensor_reads_the_config_url() -> None:
    sensor = open_distance_sensor("serial:///dev/ttyACM0?baud=115200&settle=0.5")
    assert isinstance(sensor, SerialDistanceSensor)
    assert (sensor.port, sensor.baud, sensor.settle) == ("/dev/ttyACM0", 115200, 0.5)
    windows = open_distance_sensor("serial://COM3?baud=9600")
    assert isinstance(windows, SerialDistanceSensor) and windows.port == "COM3"
    assert isinstance(open_distance_sensor("serial:///COM4"), SerialDistanceSensor)
    for bad in ("usb:thing", "serial://", "serial:///dev/ttyACM0?baud=fast", "serial:///dev/x?colour=red"):
        with pytest.raises(ValueError):
            open_distance_sensor(bad)
