"""Production settings for the benchmark, with one change: static files are collected into a
temporary directory (BENCH_STATIC_ROOT) instead of the project's `staticfiles/`, so a run leaves
nothing behind in the working tree. Everything else is `config.settings.production` unchanged."""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
