"""PySide's source scan, answered for the app's own modules (see `read_sources_plainly`).

Imported by `secondopinion_desktop.ui` before any of its modules, so the window, the tests
and the benchmarks all load the ui the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType


def read_sources_plainly() -> None:
    """Let PySide's import hook read this app's modules as plain bytes.

    Once PySide6 is loaded, its import hook asks of every module imported after it whether
    its source mentions "PySide6" (PYSIDE-2029: only such modules may switch on
    `from __feature__ import ...`). It asks through `inspect.getsource`, which goes through
    the line cache and the encoding detection: about 12 ms for the ~80 modules of the window
    at each start. The same question is answered here by reading the file's bytes. Modules
    from elsewhere are asked as before, and a PySide without this (internal) hook is left
    alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or scan is None or getattr(scan, "reads_plainly", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        source = getattr(module, "__file__", None)
        if module.__name__.startswith("secondopinion_desktop.") and str(source).endswith(".py"):
            try:
                return b"PySide6" in Path(str(source)).read_bytes()
            except OSError:
                pass
        return bool(scan(module))

    uses_pyside.reads_plainly = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a private name)
