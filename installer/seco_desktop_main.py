"""The frozen application's entry script (PyInstaller starts here): ``seco-desktop``."""

import sys

from seco_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
