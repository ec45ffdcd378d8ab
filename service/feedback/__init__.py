"""Agents' feedback on rewrites: stored in SQLite, exported as golden cases for the eval suite.

Public API::

    store = FeedbackStore.for_settings(settings)    # <data_dir>/feedback.sqlite
    saved = store.save(FeedbackIn(...))             # insert, or update the record with the same id
    summary = export_feedback(settings, out=None)   # golden-case YAML to a file or stdout
"""

from service.feedback._export import ExportSummary, export_feedback, golden_file
from service.feedback._golden import NoCase, golden_case
from service.feedback._models import FeedbackIn, FeedbackRecord, FeedbackSaved, Rating
from service.feedback._store import FeedbackStore, feedback_path

__all__ = [
    "ExportSummary",
    "FeedbackIn",
    "FeedbackRecord",
    "FeedbackSaved",
    "FeedbackStore",
    "NoCase",
    "Rating",
    "export_feedback",
    "feedback_path",
    "golden_case",
    "golden_file",
]
