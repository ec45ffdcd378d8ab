"""Agents' feedback on rewrites, stored in SQLite.

Public API::

    store = FeedbackStore.for_settings(settings)    # <data_dir>/feedback.sqlite
    saved = store.save(FeedbackIn(...))             # insert, or update the record with the same id

Exporting records as golden cases is the eval suite's job: ``evals.feedback`` (``tactful feedback export``).
"""

from service.feedback._models import FeedbackIn, FeedbackRecord, FeedbackSaved, Rating
from service.feedback._store import FeedbackStore, feedback_path

__all__ = [
    "FeedbackIn",
    "FeedbackRecord",
    "FeedbackSaved",
    "FeedbackStore",
    "Rating",
    "feedback_path",
]
