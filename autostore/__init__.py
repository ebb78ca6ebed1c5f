"""The `autostore` command-line launcher; it wires the packages together and owns no logic of its own."""

__version__ = "0.1.0"
