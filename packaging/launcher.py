"""The entry script PyInstaller freezes: the same `run()` as `secondopinion-desktop`."""

from secondopinion_desktop.app import run

if __name__ == "__main__":
    run()
