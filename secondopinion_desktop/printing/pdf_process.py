"""A long PDF is painted in a child process, so the window never waits for it.

Laying out a cover sheet of 2,000 records is one call into Qt (`QTextDocument.setHtml`) that
takes seconds, and PySide6 holds Python's global lock for the whole of such a call: on a
worker thread it would still stop the window's thread (every Python slot, every delegate's
paint) for as long. So the background job (ui/print_actions.py) reads the sheet on its own
connection, then hands the plain sheet to a child process of the app that paints it
(printing/render.py, the one renderer) and sends back its progress and the PDF's bytes;
the job writes the file whole itself (store/files.py). Cancel ends the child at once; the
file is never started.

The child is the app itself: `python -m secondopinion_desktop.printing.pdf_process`, or the
bundle's executable with CHILD_FLAG (app.run() hands it here). It gets one pickled request on
standard input from its own parent (never from a file), opens no window, reads no data folder
and writes nothing to disk; on standard output it writes lines `P <json [done, total, what]>`
as it goes, then `D <pages> <length>` and the PDF's bytes, or `E <json [message, detail]>` when a
problem the person can act on stopped it.
"""

from __future__ import annotations

import json
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from secondopinion_desktop.domain.progress import Progress
from secondopinion_desktop.errors import KnownError

CHILD_FLAG = "--paint-pdf-child"
#: How often the waiting job looks at Cancel when the child is quiet (one long layout).
POLL_S = 0.1

#: paint(sheet, device, progress) -> pages: a module-level function of printing/render.py.
Paint = Callable[[Any, Any, Progress], int]


class PaintError(KnownError):
    """The child could not paint the sheet; the message is for the person."""


def child_command() -> list[str]:
    """How to start the child: the bundle's executable, or this Python with this module."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", __name__]


def _child_env() -> dict[str, str]:
    """The child needs no screen (offscreen Qt) and finds this package where the parent did."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if not getattr(sys, "frozen", False):
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def paint_in_child(
    paint: Paint, sheet: Any, size_name: str, title: str, progress: Progress
) -> tuple[int, bytes]:
    """(page count, PDF bytes) painted by a child process; `progress` sees its reports and is
    asked every POLL_S meanwhile, so Cancel (`Cancelled` from it) ends the child at once."""
    request = pickle.dumps((paint, sheet, size_name, title))
    child = subprocess.Popen(
        child_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_child_env(),
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console on Windows
    )
    messages: queue.Queue[tuple[str, Any]] = queue.Queue()
    reader = threading.Thread(target=_read_child, args=(child, request, messages), daemon=True)
    reader.start()
    last: tuple[int, int, str] = (0, 0, "Laying out the pages\u2026")
    try:
        while True:
            try:
                kind, value = messages.get(timeout=POLL_S)
            except queue.Empty:
                progress(*last)  # nothing new: only the chance to cancel
                continue
            if kind == "P":
                last = (int(value[0]), int(value[1]), str(value[2]))
                progress(*last)
            elif kind == "D":
                return value  # type: ignore[no-any-return]
            elif kind == "E":
                raise PaintError(str(value[0]), str(value[1]))
            else:  # the child ended without an answer (it crashed)
                raise RuntimeError(f"the PDF painter stopped ({value})")
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        reader.join(5)
        for pipe in (child.stdin, child.stdout):
            if pipe is not None:
                pipe.close()


def _read_child(child: subprocess.Popen[bytes], request: bytes, out: queue.Queue[Any]) -> None:
    """The reading thread: send the request, then pass on each message until the end."""
    stdin, stdout = child.stdin, child.stdout
    assert stdin is not None and stdout is not None
    try:
        stdin.write(request)
        stdin.close()
        while True:
            line = stdout.readline()
            if not line:
                break
            kind, _, rest = line.rstrip(b"\n").partition(b" ")
            if kind == b"D":
                pages, size = (int(n) for n in rest.split())
                data = stdout.read(size)
                if len(data) == size:
                    out.put(("D", (pages, data)))
                    return
                break
            if kind in (b"P", b"E"):
                out.put((kind.decode(), json.loads(rest)))
                if kind == b"E":
                    return
    except (OSError, ValueError) as exc:
        out.put(("end", type(exc).__name__))
        return
    out.put(("end", f"exit {child.wait()}"))


def child_main(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> int:
    """The child: paint the one request from standard input, answer on standard output."""
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout.buffer
    paint, sheet, size_name, title = pickle.loads(source.read())

    def report(done: int, total: int, what: str) -> None:
        sink.write(b"P " + json.dumps([done, total, what]).encode() + b"\n")
        sink.flush()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from secondopinion_desktop.printing.render import pdf_bytes

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    try:
        pages, data = pdf_bytes(lambda device: paint(sheet, device, report), size_name, title)
    except KnownError as exc:
        sink.write(b"E " + json.dumps([exc.message, exc.detail]).encode() + b"\n")
        sink.flush()
        return 1
    sink.write(f"D {pages} {len(data)}\n".encode() + data)
    sink.flush()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(child_main())
