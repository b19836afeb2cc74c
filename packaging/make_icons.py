"""Make the Windows .ico and macOS .icns from the committed PNG sizes (a one-off step).

Run: python packaging/make_icons.py   (needs Pillow: `pip install pillow`, or
`pip install -e ".[packaging]"`). Pillow is used only here, never by the app at run time.

The outputs, resources/icons/secondopinion.ico and secondopinion.icns, are committed, so a
build never needs Pillow. Re-run this after changing the PNGs (which come from
resources/icons/secondopinion.svg).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def load(size: int) -> Image.Image:
    image = Image.open(ICONS / f"secondopinion-{size}.png").convert("RGBA")
    if image.size != (size, size):
        raise SystemExit(f"secondopinion-{size}.png is {image.size}, not {size}x{size}")
    return image


def main() -> int:
    largest = load(max(ICO_SIZES))
    # Pillow's ICO writer takes each size from an image of exactly that size when given
    # in append_images, so every entry is the hand-made PNG, not a downscale.
    largest.save(
        ICONS / "secondopinion.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[load(s) for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    big = load(max(ICNS_SIZES))
    big.save(
        ICONS / "secondopinion.icns",
        format="ICNS",
        append_images=[load(s) for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    for name in ("secondopinion.ico", "secondopinion.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
