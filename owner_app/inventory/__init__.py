"""The inventory grid: rows and loading (rows.py), pending edits and undo (edits.py), the table model
(model.py), saving (save.py), import/export (importer.py, export.py) and their dialogs."""
