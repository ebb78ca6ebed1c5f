"""A fake distance-sensor Arduino on the master side of a pty: the driver opens the slave like a real port.

Replies are scripted: a number is answered as the firmware would (`123.45\\r\\n`), bytes are sent as they are
(garbage), SILENCE answers nothing, HANGUP closes the pty as an unplugged USB cable does."""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from collections import deque
from collections.abc import Iterable
from pathlib import Path

SILENCE = object()
HANGUP = object()
Reply = float | bytes | object


class FakeArduino:
    def __init__(self, script: Iterable[Reply] = (), default: Reply = 100.0) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no newline translation, until pyserial configures its side
        self.path = os.ttyname(self.slave)
        self._fds: tuple[int, ...] = (self.master, self.slave)
        self.script: deque[Reply] = deque(script)
        self.default = default
        self.requests = 0
        self.other_lines: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-arduino", daemon=True)
        self._thread.start()

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def set_default(self, reply: Reply) -> None:
        with self._lock:
            self.default = reply

    def link(self, path: Path) -> Path:
        """Point `path` (a stable name like /dev/serial/by-id/...) at this pty, replacing an old link."""
        temporary = path.with_name(path.name + ".new")
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(self.path)
        temporary.replace(path)
        return path

    def hang_up(self) -> None:
        """Vanish like an unplugged board: the driver's reads and writes now fail."""
        self._stop.set()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)
        self._close_fds()

    close = hang_up

    def _close_fds(self) -> None:
        with self._lock:  # once only: a closed fd number may already belong to someone else
            fds, self._fds = self._fds, ()
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)

    def _next_reply(self) -> Reply:
        with self._lock:
            self.requests += 1
            return self.script.popleft() if self.script else self.default

    def _serve(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            readable, _, _ = select.select([self.master], [], [], 0.05)
            if not readable:
                continue
            try:
                buffer += os.read(self.master, 1024)
            except OSError:
                return
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.strip() != b"GET_DISTANCE":
                    self.other_lines.append(line)
                    continue
                reply = self._next_reply()
                if reply is HANGUP:
                    self._stop.set()
                    self._close_fds()
                    return
                if isinstance(reply, bytes):
                    os.write(self.master, reply)
                elif isinstance(reply, (int, float)):
                    os.write(self.master, b"-1\r\n" if reply < 0 else f"{reply:.2f}\r\n".encode())
