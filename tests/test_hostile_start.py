"""Starting the real program on a data folder a stranger has tampered with: it starts, or
says in words why not, and no traceback ever reaches the person."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.real_app import run_app

# Every key the program reads back from settings.ini, each holding something it never wrote.
HOSTILE_SETTINGS = """\
[General]
last_case_id=99999999999999999999999
[view]
point_size=\u00b2
[window]
geometry=@ByteArray(\\0\\0\\xff garbage)
splitter=1e9
[case]
1\\page=-3
[printing]
page_size=Z9
last_folder=/no/such/folder
[reminders]
keep_running=maybe
last_running=0000-00-00T00:00:00
"""


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo")
    folder = home / "data"
    made = run_app(home, "--demo", "--data-dir", str(folder), "--export-calendar", "/dev/null")
    assert made.returncode == 0, made.stderr
    return folder


@pytest.mark.parametrize(
    "how",
    [["--screenshot", "shot.png", "--step", "3"], ["--export-calendar", "out.ics"]],
    ids=["window", "calendar"],
)
def test_garbage_in_every_setting_never_stops_the_start(
    demo_folder: Path, tmp_path: Path, how: list[str]
) -> None:
    """A text size of "²" passed the start's isdigit() check and then int() refused it: the
    program said "Something went wrong" at every start, locking the person out."""
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    (folder / "settings.ini").write_text(HOSTILE_SETTINGS, encoding="utf-8")
    args = [str(tmp_path / arg) if arg.endswith((".png", ".ics")) else arg for arg in how]
    result = run_app(tmp_path, "--data-dir", str(folder), *args)
    assert result.returncode == 0, result.stderr
    assert "went wrong" not in result.stderr
    assert "Traceback" not in result.stderr
