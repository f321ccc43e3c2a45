"""Organisations: site-wide identity for the bodies that host journeys and share question banks,
and the people who act for them (admins and organisation-wide viewers)."""
