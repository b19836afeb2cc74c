import sys

from secondopinion_desktop.app import main

sys.exit(main())
