"""`python -m baocao` runs the command line, as the `baocao` script does."""

from baocao.cli import main

main()
