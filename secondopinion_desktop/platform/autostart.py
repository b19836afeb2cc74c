"""Start at login, hidden, to keep the reminders: the entry each system reads, made by pure
functions (tested on every system), and the few lines that write or remove it.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/secondopinion-desktop.desktop`
  (`~/.config/autostart` when XDG_CONFIG_HOME is unset or not absolute).
- Windows: a value in the per-user Run key, HKEY_CURRENT_USER\\...\\CurrentVersion\\Run. The
  window passes it in as a mapping (QSettings NativeFormat), so nothing here needs Qt.
- macOS: a LaunchAgent, `~/Library/LaunchAgents/io.github.secondopinion.SecondOpinion.plist`.

Imported only when the setting is changed or the app starts hidden (not at every start).

The command is the one running now (the bundle's program, or this Python with
`-m secondopinion_desktop`), with the data folder when it is not the default one, and
HIDDEN_FLAG: the app then starts without its window, beside the clock.
Turning the setting off removes the entry; the uninstallers remove it too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, MutableMapping, Sequence
from pathlib import Path

APP_ID = "secondopinion-desktop"
HIDDEN_FLAG = "--hidden"
LAUNCH_AGENT_LABEL = "io.github.secondopinion.SecondOpinion"
RUN_KEY = r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE_NAME = "SecondOpinion"

# characters that make an Exec argument need quotes (Desktop Entry Specification, "Exec key")
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = '"`$\\'


def start_command(executable: str, frozen: bool, data_dir: Path | None = None) -> list[str]:
    """The command that starts this copy of the app hidden: the bundle's own program, or the
    Python running now with `-m secondopinion_desktop` (a pip install)."""
    command = [executable] if frozen else [executable, "-m", "secondopinion_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return [*command, HIDDEN_FLAG]


def exec_argument(argument: str) -> str:
    """One argument as the Exec key wants it: quoted when it holds a reserved character,
    with the quoting's and the string value's escapes, and % doubled."""
    argument = argument.replace("%", "%%")
    if argument and not any(char in _RESERVED for char in argument):
        return argument
    inner = "".join(f"\\{char}" if char in _ESCAPED_IN_QUOTES else char for char in argument)
    # the key's value is itself a string with escapes: each backslash is written twice
    return f'"{inner}"'.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The XDG autostart entry that starts `command` at login."""
    exec_line = " ".join(exec_argument(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Second Opinion\n"
        "Comment=Keeps your Second Opinion reminders while its window is closed\n"
        f"Exec={exec_line}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def launch_agent(command: Sequence[str]) -> str:
    """The macOS LaunchAgent (a property list) that starts `command` at login."""
    import plistlib  # here: only a Mac turning the setting on needs it

    agent = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(agent, sort_keys=False).decode("utf-8")


def run_value(command: Sequence[str]) -> str:
    """The Run key's value: one Windows command line, quoted as Windows reads it."""
    import subprocess  # here: only for its list2cmdline (Windows' quoting rules)

    return subprocess.list2cmdline(list(command))


def entry_path(platform: str, env: Mapping[str, str], home: Path) -> Path | None:
    """Where the entry file lives on `platform` (sys.platform); None on Windows (a registry
    value, not a file)."""
    if platform.startswith("win"):
        return None
    if platform == "darwin":
        return home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    config = env.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else home / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def entry_text(platform: str, command: Sequence[str]) -> str:
    """The entry for `platform`: a LaunchAgent, a Run key value or a .desktop entry."""
    if platform.startswith("win"):
        return run_value(command)
    if platform == "darwin":
        return launch_agent(command)
    return desktop_entry(command)


def set_start_at_login(
    on: bool,
    command: Sequence[str],
    platform: str,
    env: Mapping[str, str],
    home: Path,
    run_key: MutableMapping[str, str] | None = None,
) -> Path | None:
    """Write the entry (on) or remove it (off); returns the file, if there is one.

    `run_key` is the per-user Run key on Windows (required there). A file is written whole
    (temp + fsync + rename), private to the person. Raises FileWriteError when it cannot be.
    """
    path = entry_path(platform, env, home)
    if path is None:
        if run_key is None:
            raise ValueError("the Run key is needed on Windows")
        if on:
            run_key[RUN_VALUE_NAME] = run_value(command)
        else:
            run_key.pop(RUN_VALUE_NAME, None)
        return None
    if on:
        from secondopinion_desktop.store.files import write_atomically

        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, entry_text(platform, command).encode("utf-8"))
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return path


def starts_at_login(
    platform: str,
    env: Mapping[str, str],
    home: Path,
    run_key: Mapping[str, str] | None = None,
) -> bool:
    """Whether an entry is there now."""
    path = entry_path(platform, env, home)
    if path is None:
        return run_key is not None and RUN_VALUE_NAME in run_key
    return path.is_file()
