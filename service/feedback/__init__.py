"""Agents' feedback on rewrites: signed ids, stored in SQLite or PostgreSQL, personal data masked for export.

Public API::

    ids = RewriteIds.from_settings(settings)                     # sign what /rewrite answered
    rewrite_id = ids.issue(request, response); ids.verify(rewrite_id, request, response)
    store = FeedbackStore.for_settings(settings)                 # TACTFUL_DATABASE_URL (default: SQLite file)
    store.migrate()                                              # numbered SQL files (also on first use)
    store.save(FeedbackIn(...), key)                             # once per id and key (Conflict after)
    store.append(rewrite_id, key, FeedbackUpdate(...))           # a new version
    redact(text)                                                 # emails, phones, card and ID numbers masked

Exporting records as golden cases is the eval suite's job: ``evals.feedback`` (``tactful feedback export``).
"""

from service.feedback._ids import REWRITE_ID_PATTERN, NotIssued, RewriteIds
from service.feedback._models import FeedbackIn, FeedbackRecord, FeedbackSaved, FeedbackUpdate, Rating
from service.feedback._redact import redact
from service.feedback._store import FeedbackStore, feedback_path

__all__ = [
    "REWRITE_ID_PATTERN",
    "FeedbackIn",
    "FeedbackRecord",
    "FeedbackSaved",
    "FeedbackStore",
    "FeedbackUpdate",
    "NotIssued",
    "Rating",
    "RewriteIds",
    "feedback_path",
    "redact",
]
