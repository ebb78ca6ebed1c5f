"""YOLOX-Nano on onnxruntime: letterbox, one inference, grid decoding and NMS, people only.

The exported model takes `images` [1,3,416,416] BGR 0-255 (letterboxed at the top left, padding 114, no
mean/std) and returns raw grid offsets [1,N,85]: xy = (xy + grid) * stride, wh = exp(wh) * stride, for
strides 8/16/32; objectness and class scores are already sigmoids. Class 0 is person (COCO).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from inference.vision.tracker import Detection

STRIDES = (8, 16, 32)
PERSON = 0


def _grids(size: int) -> tuple[np.ndarray, np.ndarray]:
    grids, strides = [], []
    for stride in STRIDES:
        cells = size // stride
        ys, xs = np.meshgrid(np.arange(cells), np.arange(cells), indexing="ij")
        grids.append(np.stack((xs, ys), axis=-1).reshape(-1, 2))
        strides.append(np.full((cells * cells, 1), stride))
    return np.concatenate(grids).astype(np.float32), np.concatenate(strides).astype(np.float32)


class YoloxPersons:
    def __init__(self, model_path: Path, input_size: int = 416, min_score: float = 0.35) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # One thread each: the worker runs many cameras side by side, and onnxruntime's default (a thread
        # per core, spinning) would make them fight over two cores.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.input_name = self.session.get_inputs()[0].name
        shape = self.session.get_inputs()[0].shape
        self.size = int(shape[2]) if isinstance(shape[2], int) else input_size
        self.min_score = min_score
        self._grid, self._stride = _grids(self.size)

    def letterbox(self, image: np.ndarray) -> tuple[np.ndarray, float]:
        height, width = image.shape[:2]
        ratio = min(self.size / height, self.size / width)
        resized = cv2.resize(
            image, (round(width * ratio), round(height * ratio)), interpolation=cv2.INTER_LINEAR
        )
        canvas = np.full((self.size, self.size, 3), 114, dtype=np.uint8)
        canvas[: resized.shape[0], : resized.shape[1]] = resized
        blob = canvas.transpose(2, 0, 1)[None].astype(np.float32)
        return blob, ratio

    def detect(self, image: np.ndarray) -> list[Detection]:
        """People in a BGR image, boxes in that image's pixels."""
        blob, ratio = self.letterbox(image)
        raw = self.session.run(None, {self.input_name: blob})[0][0]
        scores = raw[:, 4] * raw[:, 5 + PERSON]
        keep = scores >= self.min_score
        if not np.any(keep):
            return []
        raw, scores = raw[keep], scores[keep]
        xy = (raw[:, :2] + self._grid[keep]) * self._stride[keep]
        wh = np.exp(np.minimum(raw[:, 2:4], 10.0)) * self._stride[keep]
        boxes = np.concatenate((xy - wh / 2, xy + wh / 2), axis=1) / ratio
        height, width = image.shape[:2]
        boxes = np.clip(boxes, 0, [width, height, width, height])
        as_xywh = [[float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1])] for b in boxes]
        chosen = cv2.dnn.NMSBoxes(as_xywh, scores.tolist(), self.min_score, 0.45)
        return [
            Detection(
                (float(boxes[i][0]), float(boxes[i][1]), float(boxes[i][2]), float(boxes[i][3])),
                float(scores[i]),
            )
            for i in np.array(chosen).reshape(-1)
        ]
