"""Social clauses: the register, planned hours, contractors' declarations and their progress.

``codes`` (the one list of each code), ``rules`` (pure arithmetic), ``register`` and
``declarations`` (store writes, audited), ``opportunities`` and ``progress`` (reads).
"""
