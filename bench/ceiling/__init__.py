"""The benchmark's ceiling: the cheapest page this Django stack can serve (see bench/README.md)."""
