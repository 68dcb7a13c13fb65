"""Benchmarks of the SiR graph service; run each as `python -m bench.NAME`."""
