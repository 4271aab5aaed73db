"""Tests of pathchoice.ahp (a package so that test module names do not clash)."""
