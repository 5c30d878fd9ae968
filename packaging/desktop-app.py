"""The bundle's entry point (PyInstaller freezes this script): the same `main` as `desktop-app`."""

import sys

from desktop_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
