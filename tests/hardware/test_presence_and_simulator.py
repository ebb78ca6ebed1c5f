"""PresenceDetector (approach/leave with hysteresis) and the simulated distance sensor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hardware.distance_sensor import (
    DistanceReading,
    PresenceDetector,
    PresenceEvent,
    SensorState,
    SimulatedDistanceSensor,
    open_distance_sensor,
)
from tests.hardware.recorder import WAIT, Recorder


def feed(detector: PresenceDetector, *distances: float | None) -> list[PresenceEvent | None]:
    return [detector.feed(DistanceReading(cm)) for cm in distances]


def test_approach_needs_consecutive_readings_within_the_threshold() -> None:
    detector = PresenceDetector(threshold_cm=80, consecutive=3)
    assert feed(detector, 50, 60, None, 70, 200) == [None] * 5  # glitches and breaks restart the count
    assert feed(detector, 80, 79, 10) == [None, None, PresenceEvent.APPROACH]
    assert detector.present
    assert feed(detector, 40, 40) == [None, None]  # no repeated approach while present


def test_leave_uses_hysteresis_and_its_own_count() -> None:
    detector = PresenceDetector(threshold_cm=80, consecutive=2, hysteresis_cm=20, leave_consecutive=3)
    feed(detector, 50, 50)
    assert detector.present
    # Swaying between 80 and 100 cm (inside the hysteresis band) keeps the customer.
    assert feed(detector, 95, 100, 90, 99) == [None] * 4
    assert feed(detector, 101, None, 60) == [None] * 3  # one step back in resets the leave count
    assert feed(detector, 150, None, 300) == [None, None, PresenceEvent.LEAVE]
    assert not detector.present


def test_detector_defaults_and_validation() -> None:
    detector = PresenceDetector()
    assert (detector.threshold_cm, detector.consecutive, detector.leave_consecutive) == (80, 3, 6)
    detector.feed(DistanceReading(10))
    detector.reset()
    assert feed(detector, 10, 10) == [None, None]
    with pytest.raises(ValueError):
        PresenceDetector(threshold_cm=0)
    with pytest.raises(ValueError):
        PresenceDetector(consecutive=0)


@pytest.fixture
def simulator() -> Iterator[SimulatedDistanceSensor]:
    sensor = SimulatedDistanceSensor(interval=0.02)
    yield sensor
    sensor.stop()


def test_simulated_customer_approaches_and_leaves(simulator: SimulatedDistanceSensor) -> None:
    detector = PresenceDetector(threshold_cm=80, consecutive=3)
    events: Recorder[PresenceEvent] = Recorder()

    def on_reading(reading: DistanceReading) -> None:
        event = detector.feed(reading)
        if event is not None:
            events(event)

    simulator.start(on_reading)
    assert simulator.wait_for(SensorState.OK, timeout=WAIT)
    simulator.approach()
    events.wait_until(lambda items: items == [PresenceEvent.APPROACH])
    simulator.leave()
    events.wait_until(lambda items: items == [PresenceEvent.APPROACH, PresenceEvent.LEAVE])
    assert simulator.distance_cm is None


def test_simulated_noise_and_unplug(simulator: SimulatedDistanceSensor) -> None:
    noisy = SimulatedDistanceSensor(distance_cm=100, noise_cm=5, interval=0.01, seed=7)
    readings: Recorder[DistanceReading] = Recorder()
    noisy.start(readings)
    try:
        got = readings.wait_until(lambda items: len(items) >= 20)
    finally:
        noisy.stop()
    values = [r.cm for r in got if r.cm is not None]
    assert len(set(values)) > 1 and all(60 < v < 140 for v in values)

    simulator.start()
    simulator.unplug()
    assert simulator.wait_for(SensorState.DISCONNECTED, timeout=WAIT)
    simulator.replug()
    assert simulator.wait_for(SensorState.OK, timeout=WAIT)
    with pytest.raises(ValueError):
        simulator.set_distance(-3)


def test_open_sim_sensor_from_url() -> None:
    sensor = open_distance_sensor("sim:?distance=55&noise=2")
    assert isinstance(sensor, SimulatedDistanceSensor)
    assert (sensor.distance_cm, sensor.noise_cm) == (55.0, 2.0)
    assert isinstance(open_distance_sensor("sim:"), SimulatedDistanceSensor)


def test_a_slow_reader_loses_old_readings_but_never_blocks_the_sensor() -> None:
    sensor = SimulatedDistanceSensor(distance_cm=90, interval=0.001)
    stream = sensor.readings()
    sensor.start()
    try:
        assert next(stream).cm == 90
        progress: Recorder[DistanceReading] = Recorder()
        sensor._callbacks.append(progress)
        progress.wait_until(lambda items: len(items) >= 250)  # while nobody drains the stream
    finally:
        sensor.stop()
    backlog = list(stream)  # ends because the sensor stopped, even with a full inbox
    assert 0 < len(backlog) <= 100
