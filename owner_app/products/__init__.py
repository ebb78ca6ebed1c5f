"""The product catalogue: its table model, the editor dialog and image previews."""
