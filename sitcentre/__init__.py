"""sitcentre: situation-centre software for Border Liaison Offices. Nothing here imports Qt."""

__version__ = "0.1.0"
