"""PowerWith: co-production of public services, with power made visible."""

__version__ = "0.1.0"
