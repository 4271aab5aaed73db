"""Fused SMAA kernels: a numpy engine and an optional numba engine."""
