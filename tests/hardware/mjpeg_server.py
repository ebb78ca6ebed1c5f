"""An MJPEG-over-HTTP camera (what many IP cameras serve) on a loopback port, to stop and restart at will."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cv2
import numpy as np


class MjpegCamera:
    def __init__(self, port: int = 0, level: int = 128) -> None:
        ok, encoded = cv2.imencode(".jpg", np.full((48, 64, 3), level, dtype=np.uint8))
        assert ok
        self.jpeg = encoded.tobytes()
        self.port = port
        self._server: ThreadingHTTPServer | None = None
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/stream.mjpg"

    def start(self) -> MjpegCamera:
        camera = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
                self.end_headers()
                part = b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % len(camera.jpeg)
                try:
                    while not camera._stopping.is_set():
                        self.wfile.write(part + camera.jpeg + b"\r\n")
                        time.sleep(0.02)
                except OSError:
                    pass  # the client went away

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._stopping.clear()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]  # keep the port: a restarted camera comes back there
        threading.Thread(target=self._server.serve_forever, name="mjpeg-camera", daemon=True).start()
        return self

    def stop(self) -> None:
        """Power the camera off: open streams end and new connections are refused."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
