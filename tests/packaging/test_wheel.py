"""The wheel carries the resources, and the desktop files agree with the app and validate.

The wheel is built once per run with `pip wheel --no-deps` (a second or two; pip fetches the
build backend, hatchling, into its isolated build environment the first time).
"""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from secondopinion_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP_ID = "secondopinion-desktop"
DESKTOP_FILE = RESOURCES / f"{DESKTOP_ID}.desktop"
METAINFO_FILE = RESOURCES / "io.github.secondopinion.SecondOpinion.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PREFIX = "secondopinion_desktop/resources/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("secondopinion_desktop-*.whl")
    return built


def test_wheel_contains_the_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "fonts/AtkinsonHyperlegible-Regular.ttf",
        f"{DESKTOP_ID}.desktop",
        METAINFO_FILE.name,
        "icons/secondopinion.svg",
        "icons/secondopinion.ico",
        "icons/secondopinion.icns",
        *(f"icons/secondopinion-{size}.png" for size in ICON_SIZES),
    }
    missing = {name for name in expected if PREFIX + name not in names}
    assert not missing
    assert f"secondopinion_desktop-{__version__}.dist-info/entry_points.txt" in names


def test_wheel_ships_every_file_of_resources(wheel: Path) -> None:
    """Whatever a colleague adds to resources/ (fonts, say) lands in the wheel too."""
    names = set(zipfile.ZipFile(wheel).namelist())
    on_disk = {
        PREFIX + path.relative_to(RESOURCES).as_posix()
        for path in RESOURCES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert on_disk <= names


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    """resources_root() points inside the installed package, not at a checkout."""
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "from secondopinion_desktop.paths import resources_root\n"
        "root = resources_root()\n"
        "print(root)\n"
        "assert (root / 'fonts' / 'OFL.txt').is_file()\n"
        "assert (root / 'icons' / 'secondopinion-256.png').is_file()\n"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # not the checkout: `-c` puts the working folder first on sys.path
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(target)


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_matches_the_app() -> None:
    entry = read_desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Second Opinion"
    # the console command from pyproject, and the name the app gives Qt (setDesktopFileName)
    assert entry["Exec"].split()[0] == DESKTOP_ID
    assert entry["Icon"] == DESKTOP_ID
    assert entry["StartupWMClass"] == DESKTOP_ID
    assert entry["Terminal"] == "false"
    app_source = (ROOT / "secondopinion_desktop" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{DESKTOP_ID}")' in app_source
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'{DESKTOP_ID} = "secondopinion_desktop.app:run"' in pyproject


def test_metainfo_launches_the_desktop_entry_and_has_this_version() -> None:
    root = ET.parse(METAINFO_FILE).getroot()
    assert root.get("type") == "desktop-application"
    assert METAINFO_FILE.name == f"{root.findtext('id')}.metainfo.xml"
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.text == f"{DESKTOP_ID}.desktop"
    versions = [r.get("version") for r in root.iter("release")]
    assert __version__ in versions, "add a <release> for this version to the metainfo"


def test_icons_are_the_sizes_they_claim() -> None:
    for size in ICON_SIZES:
        data = (RESOURCES / "icons" / f"secondopinion-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)
    assert (RESOURCES / "icons" / "secondopinion.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (RESOURCES / "icons" / "secondopinion.icns").read_bytes()[:4] == b"icns"


@pytest.mark.needs_tool("desktop-file-validate")
def test_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no hints or warnings either


@pytest.mark.needs_tool("appstreamcli")
def test_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
