"""The built double-click bundle starts, draws its window, and holds what it should (slow).

Kept out of the default run (marked slow). One command builds the bundle from the last commit
and runs these tests:

    bash packaging/build.sh && .venv/bin/python -m pytest -q -m slow tests/test_bundle.py

Without the build step they use the bundle already in dist/ (built if there is none), or the
one named by SECONDOPINION_BUNDLE (the folder holding the `secondopinion-desktop` program).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from secondopinion_desktop import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "secondopinion-desktop.exe" if sys.platform == "win32" else "secondopinion-desktop"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SIZE_LIMIT_MB = 150


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(os.environ.get("SECONDOPINION_BUNDLE", ROOT / "dist" / "secondopinion-desktop"))
    if not (folder / EXE_NAME).exists() and "SECONDOPINION_BUNDLE" not in os.environ:
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True, timeout=1800)
    assert (folder / EXE_NAME).exists(), f"no bundle in {folder}"
    return folder


def run_bundle(bundle: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / EXE_NAME), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        check=False,
    )


def test_bundle_reports_its_version(bundle: Path) -> None:
    result = run_bundle(bundle, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"secondopinion-desktop {__version__}"


def test_bundle_draws_the_demo_window(bundle: Path, tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    result = run_bundle(
        bundle, "--demo", "--data-dir", str(tmp_path / "d"), "--screenshot", str(shot)
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = shot.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert len(data) > 20_000  # a drawn window with text, not a blank rectangle


def test_bundle_prints_the_cover_sheet_in_the_shipped_font(bundle: Path, tmp_path: Path) -> None:
    """QtPrintSupport and the fonts in resources/ made it into the bundle."""
    pdf = tmp_path / "cover.pdf"
    result = run_bundle(
        bundle, "--demo", "--data-dir", str(tmp_path / "d"), "--export-cover-sheet", str(pdf)
    )
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"AtkinsonHyperlegible" in data


def test_bundle_exports_the_calendar(bundle: Path, tmp_path: Path) -> None:
    """icalendar (and its time-zone data) made it into the bundle."""
    if "--export-calendar" not in run_bundle(bundle, "--help").stdout:
        pytest.skip("this bundle was built before --export-calendar existed")
    ics = tmp_path / "visits.ics"
    result = run_bundle(
        bundle, "--demo", "--data-dir", str(tmp_path / "d"), "--export-calendar", str(ics)
    )
    assert result.returncode == 0, result.stderr
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_bundle_reports_a_start_up_problem_calmly(bundle: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = run_bundle(
        bundle, "--data-dir", str(not_a_folder), "--screenshot", str(tmp_path / "s.png")
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "data folder" in result.stderr


def test_bundle_holds_the_resources_and_qt_it_needs(bundle: Path) -> None:
    files = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    resources = [f for f in files if "secondopinion_desktop/resources/" in f]
    for name in ("fonts/OFL.txt", "icons/secondopinion-256.png", "secondopinion-desktop.desktop"):
        assert any(f.endswith(f"secondopinion_desktop/resources/{name}") for f in resources), name
    assert any("fonts/" in f and f.endswith(".ttf") for f in resources)
    for module in ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtNetwork"):
        assert any(f"PySide6/{module}." in f for f in files), module


def test_bundle_leaves_out_unused_qt(bundle: Path) -> None:
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    unwanted = ("Qml", "Quick", "Designer", "Help", "QtTest", "Qt6Test", "Pdf", "WebEngine")
    assert not [f for f in files if any(word in f for word in unwanted)]
    assert not [f for f in files if f.endswith(".qm")], "Qt translations should be left out"


def test_bundle_is_under_the_size_limit(bundle: Path) -> None:
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < SIZE_LIMIT_MB * 1_000_000, f"{size / 1e6:.0f} MB"


@pytest.mark.needs_linux
def test_install_and_uninstall_for_a_user(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Desktop").mkdir(parents=True)
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    script = ROOT / "packaging" / "install-linux.sh"

    def install(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(script), *args], capture_output=True, text=True, env=env, check=False
        )

    result = install("--bundle", str(bundle))
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    launcher = share / "applications" / "secondopinion-desktop.desktop"
    program = home / ".local" / "lib" / "secondopinion-desktop" / EXE_NAME
    assert f"Exec={program}" in launcher.read_text()
    assert (share / "icons/hicolor/256x256/apps/secondopinion-desktop.png").is_file()
    assert (share / "icons/hicolor/scalable/apps/secondopinion-desktop.svg").is_file()
    assert (home / "Desktop" / "secondopinion-desktop.desktop").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(launcher)], check=False)
        assert check.returncode == 0
    version = run_bundle(program.parent, "--version")
    assert version.returncode == 0, version.stderr

    data = share / "SecondOpinion"
    data.mkdir()
    (data / "secondopinion.db").write_text("the person's data")
    result = install("--uninstall")
    assert result.returncode == 0, result.stderr
    assert not launcher.exists()
    assert not program.exists()
    assert not (home / "Desktop" / "secondopinion-desktop.desktop").exists()
    assert not (home / ".local" / "bin" / "secondopinion-desktop").exists()
    assert (data / "secondopinion.db").read_text() == "the person's data"
