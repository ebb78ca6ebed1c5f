"""The learned clip classifier: theft, damage and smoking (fire and fall as a second opinion).

An X3D-style 3D CNN trained with `autostore vision train`, evaluated with `autostore vision eval`, exported
with `autostore vision export` and run on onnxruntime by the vision worker. Importing this package needs
neither torch nor onnxruntime; training needs torch, running needs onnxruntime.
"""

from __future__ import annotations

from inference.vision.classifier.runtime import MODEL_NAME, ClipClassifier, ClipModelError

__all__ = ["MODEL_NAME", "ClipClassifier", "ClipModelError"]
