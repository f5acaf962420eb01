"""The Qt desktop application (PySide6 lives only in this package)."""
