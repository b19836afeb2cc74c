"""The Qt layer. Loading it loads PySide6 and lets PySide's import hook read the ui's modules
as plain bytes (ui/sources.py) before any of them is imported."""

import PySide6.QtCore  # noqa: F401 (the hook below exists once PySide6 is loaded)

from secondopinion_desktop.ui.sources import read_sources_plainly

read_sources_plainly()
