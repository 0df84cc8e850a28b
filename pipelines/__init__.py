"""ASR: socially responsible purchasing objectives (ingest, classify, objectives, reports)."""

__version__ = "0.1.0"
