import sys

from powerwith.cli import main

sys.exit(main())
