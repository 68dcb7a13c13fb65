"""Tests of the SiR model (the ``sir`` package)."""
