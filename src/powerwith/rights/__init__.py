"""People's rights under UK GDPR: a copy of everything held about a person (subject access),
erasure that keeps the group's figures, and removal of personal data after a retention period.

The top layer: it may import every domain app, and only ``config.urls`` and ``cli`` import it.
"""
