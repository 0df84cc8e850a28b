-- Today's lines for the explorer, in the reader's scope (explore_filtered.sql reads them;
-- explore_frozen_source.sql gives a closed year's frozen lines instead).
-- Parameters: $buyers, $entities.
select f.*
from fct_spend_lines as f
where in_scope_buyer($buyers, f.buyer)
    and in_scope_entity($entities, f.entity)
