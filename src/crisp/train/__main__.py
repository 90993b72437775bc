"""`python -m crisp.train ...` is `crisp train ...`: what `accelerate launch -m crisp.train sft ...` runs."""

import sys

from crisp.cli import main

sys.argv = [sys.argv[0], "train", *sys.argv[1:]]
main()
