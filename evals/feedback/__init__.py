"""Agents' stored feedback (``service.feedback``) exported as golden cases for this eval suite.

Public API::

    summary = export_feedback(settings, out=None)   # golden-case YAML to a file or stdout
    case = golden_case(record)                      # one record -> one case (or NoCase: why not)

Command line: ``tactful feedback export [--out FILE]`` (registered by this package, see :func:`main`).
"""

from evals.feedback._cli import main
from evals.feedback._export import ExportSummary, export_feedback, golden_file
from evals.feedback._golden import NoCase, golden_case

__all__ = ["ExportSummary", "NoCase", "export_feedback", "golden_case", "golden_file", "main"]
