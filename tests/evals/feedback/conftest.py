"""The feedback fixtures of ``tests/feedback`` (records from a real chain run on a fake model)."""

from tests.feedback.conftest import en_run, settings, store, zh_run

__all__ = ["en_run", "settings", "store", "zh_run"]
