"""Qt-free device drivers for the kiosk: distance sensor, card reader and camera.

Each device package has `base.py` (the interface, states and events), a real driver and a simulator, and an
`open_<device>(url)` that picks one from a config URL. Heavy libraries (cv2, pyscard) load only inside the
real drivers' threads, so importing this package is cheap."""
