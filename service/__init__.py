"""Tactful: empathetic, SMART rewrites of customer-service drafts."""
