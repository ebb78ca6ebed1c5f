"""The only shared Qt code: a background-task runner, the theme loader and the translation loader.

Nothing else in core imports this package (an import-linter contract checks it), so the client, the local
store and the schemas stay usable without PySide6.
"""
