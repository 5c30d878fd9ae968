"""Planned layer (see ../shared/ARCHITECTURE.md); no Qt here."""
