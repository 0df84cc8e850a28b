"""Per-area message catalogues: each module defines ``FR`` and ``EN`` dicts with the same keys."""
