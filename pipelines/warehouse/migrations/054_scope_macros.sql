-- The reader's scope (pipelines/scope.py: Scope.params()), written once: every query that reads
-- lines, marts or people filters them through these two macros, never by hand (a test holds
-- every query under pipelines/sql to it). A null list means no restriction; an empty list, none.
create or replace macro in_scope_buyer(buyers, buyer) as (
    buyers is null or list_contains(buyers, buyer)
);

create or replace macro in_scope_entity(entities, entity) as (
    entities is null or list_contains(entities, entity)
);
