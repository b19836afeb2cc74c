"""The entry script PyInstaller freezes: the same `main()` as `secondopinion-desktop`."""

import sys

from secondopinion_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
