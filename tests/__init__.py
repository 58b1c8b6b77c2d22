"""Tests, one folder per package of the code they test."""
