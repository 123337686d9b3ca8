"""``python -m graph``: the command line (:mod:`graph.cli.main`)."""

import sys

from graph.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
