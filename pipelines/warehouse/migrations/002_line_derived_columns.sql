-- Derived and classification columns kept on the line table itself, so that loading a file never
-- rewrites every line: refresh_marts fills them for the new load only, and re-classification
-- updates only the lines whose supplier has a match. fct_spend_lines is a view over them.
alter table raw_ledger_lines add column supplier_key varchar;
alter table raw_ledger_lines add column department varchar;
alter table raw_ledger_lines add column period_date date;
alter table raw_ledger_lines add column is_addressable boolean default true;
alter table raw_ledger_lines add column kind varchar;
alter table raw_ledger_lines add column family varchar;
alter table raw_ledger_lines add column status varchar;
alter table raw_ledger_lines add column match_rule varchar;
alter table raw_ledger_lines add column record_id bigint;
alter table raw_ledger_lines add column score double;

-- The winning supplier match on each disjoint date interval (built from supplier_matches).
create table supplier_periods (
    supplier_key varchar not null,
    valid_from date not null,
    valid_to date not null,
    kind varchar,
    family varchar,
    status varchar not null,
    rule varchar not null,
    record_id bigint,
    score double
);
