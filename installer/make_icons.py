"""Raster icons from ``resources/icons/seco-desktop.svg`` for the installers.

    python installer/make_icons.py            # writes build/icons/

Writes PNGs at the sizes desktop environments ask for (``build/icons/hicolor/<n>x<n>/apps/``)
and a multi-size Windows icon (``installer/windows/seco-desktop.ico``, which the PyInstaller
spec uses as the program icon when present; git ignores it). Uses Qt's SVG renderer and Pillow,
both already runtime dependencies.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "seco-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        folder = ROOT / "build" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        image.save(folder / "seco-desktop.png")
    ico = ROOT / "installer" / "windows" / "seco-desktop.ico"
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in SIZES])
    print(f"wrote {len(SIZES)} PNGs under build/icons/hicolor and {ico.relative_to(ROOT)}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
