"""Constants shared by the dialogue tests (a unique module name: see tests/nlu/nlu_support.py)."""
from datetime import datetime

NOW = datetime(2023, 3, 1, 10, 0)  # a Wednesday in the 1차 50%/60% refund season
