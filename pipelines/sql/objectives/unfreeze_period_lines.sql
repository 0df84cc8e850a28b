-- Forget a period's frozen lines (before freezing them again). Parameter: $period.
delete from closed_spend_lines where period = $period
