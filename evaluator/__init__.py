"""Participatory evaluation engine for community-building (社区营造) projects."""

__version__ = "0.1.0"
