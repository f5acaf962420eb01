"""A spouse's record on one screen: profile, sponsor, eligibility and casework panels."""

from seco_desktop.ui.record.record_view import RecordView

__all__ = ["RecordView"]
