"""Start at login: the entry of each system, made by pure functions (tested on every system),
written and removed in a temporary folder; the XDG one checked by desktop-file-validate."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
from pathlib import Path

import pytest

from secondopinion_desktop.platform import autostart
from secondopinion_desktop.platform.autostart import (
    HIDDEN_FLAG,
    RUN_VALUE_NAME,
    desktop_entry,
    entry_path,
    exec_argument,
    launch_agent,
    run_value,
    set_start_at_login,
    start_command,
    starts_at_login,
)

HOME = Path("/home/sarah")


def test_the_command_starts_this_copy_hidden() -> None:
    assert start_command("/opt/so/secondopinion-desktop", frozen=True) == [
        "/opt/so/secondopinion-desktop",
        HIDDEN_FLAG,
    ]
    assert start_command("/usr/bin/python3", frozen=False, data_dir=Path("/data/mum")) == [
        "/usr/bin/python3",
        "-m",
        "secondopinion_desktop",
        "--data-dir",
        "/data/mum",
        HIDDEN_FLAG,
    ]


def test_where_each_system_keeps_it() -> None:
    linux = entry_path("linux", {}, HOME)
    assert linux == HOME / ".config/autostart/secondopinion-desktop.desktop"
    assert entry_path("linux", {"XDG_CONFIG_HOME": "/cfg"}, HOME) == Path(
        "/cfg/autostart/secondopinion-desktop.desktop"
    )
    assert entry_path("linux", {"XDG_CONFIG_HOME": "relative"}, HOME) == linux  # spec: ignored
    assert entry_path("darwin", {}, HOME) == (
        HOME / "Library/LaunchAgents/io.github.secondopinion.SecondOpinion.plist"
    )
    assert entry_path("win32", {}, HOME) is None


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert exec_argument("/usr/bin/python3") == "/usr/bin/python3"
    assert exec_argument("/home/sarah/My Apps/so") == '"/home/sarah/My Apps/so"'
    assert exec_argument("100%") == "100%%"
    # a backslash: escaped for the quotes, then again for the string value (four in all)
    assert exec_argument("a\\b") == '"a\\\\\\\\b"'
    assert exec_argument('say "hi" $HOME') == '"say \\\\"hi\\\\" \\\\$HOME"'


def test_desktop_entry_reads_back_as_the_command() -> None:
    command = ["/home/sarah/My Apps/secondopinion-desktop", "--data-dir", "/d/x y", HIDDEN_FLAG]
    text = desktop_entry(command)
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # undo the string escapes, then read the quoting as a shell would (the same rules here)
    assert shlex.split(exec_line[5:].replace("\\\\", "\\")) == command
    assert "X-GNOME-Autostart-enabled=true" in text and "Type=Application" in text


def test_launch_agent_is_a_plist_running_at_load() -> None:
    command = ["/Applications/Second Opinion.app/Contents/MacOS/Second Opinion", HIDDEN_FLAG]
    agent = plistlib.loads(launch_agent(command).encode())
    assert agent == {
        "Label": "io.github.secondopinion.SecondOpinion",
        "ProgramArguments": command,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }


def test_run_key_value_is_one_quoted_command_line() -> None:
    command = [r"C:\Users\Sarah\AppData\Local\Programs\Second Opinion\SecondOpinion.exe"]
    assert run_value([*command, HIDDEN_FLAG]) == f'"{command[0]}" --hidden'


def test_windows_run_key_written_and_removed() -> None:
    key: dict[str, str] = {"OtherApp": "other.exe"}
    set_start_at_login(True, ["C:\\so.exe", HIDDEN_FLAG], "win32", {}, HOME, key)
    assert key == {"OtherApp": "other.exe", RUN_VALUE_NAME: "C:\\so.exe --hidden"}
    assert starts_at_login("win32", {}, HOME, key)
    set_start_at_login(False, [], "win32", {}, HOME, key)
    assert key == {"OtherApp": "other.exe"}
    assert not starts_at_login("win32", {}, HOME, key)


def test_macos_agent_written_and_removed(tmp_path: Path) -> None:
    path = set_start_at_login(True, ["/Applications/so", HIDDEN_FLAG], "darwin", {}, tmp_path)
    assert path is not None and plistlib.loads(path.read_bytes())["RunAtLoad"] is True
    set_start_at_login(False, [], "darwin", {}, tmp_path)
    assert not path.exists() and not starts_at_login("darwin", {}, tmp_path)


def test_xdg_entry_written_and_removed(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = start_command(str(tmp_path / "My Apps" / "secondopinion-desktop"), True)
    path = set_start_at_login(True, command, "linux", env, tmp_path / "home")
    assert path == tmp_path / "config" / "autostart" / "secondopinion-desktop.desktop"
    assert path.read_text(encoding="utf-8") == desktop_entry(command)
    assert path.stat().st_mode & 0o077 == 0  # private, like every file the app writes
    assert starts_at_login("linux", env, tmp_path / "home")
    set_start_at_login(True, command, "linux", env, tmp_path / "home")  # again: same file
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert set_start_at_login(False, command, "linux", env, tmp_path / "home") == path
    assert not path.exists() and not starts_at_login("linux", env, tmp_path / "home")
    set_start_at_login(False, command, "linux", env, tmp_path / "home")  # nothing to remove


@pytest.mark.needs_tool("desktop-file-validate")
def test_xdg_entry_validates(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    command = start_command("/home/sarah/My Apps/python3", False, Path("/d/Mum's $case"))
    path = set_start_at_login(True, command, "linux", env, tmp_path)
    assert path is not None
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout


def test_no_qt_here() -> None:
    """Pure functions: they run on any system, without a display or Qt."""
    assert "PySide6" not in Path(autostart.__file__).read_text(encoding="utf-8")


@pytest.mark.needs_linux
def test_the_uninstall_script_removes_the_entry(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    path = set_start_at_login(True, ["/opt/so", HIDDEN_FLAG], "linux", env, home)
    assert path is not None and path.is_file()
    script = Path(__file__).parents[2] / "packaging" / "install-linux.sh"
    result = subprocess.run(
        ["bash", str(script), "--uninstall"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert not path.exists()
    assert "has been removed" in result.stdout
