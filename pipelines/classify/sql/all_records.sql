-- Every active directory record with its load (the evaluation matches against all of them).
select * from stg_reference_records
where is_active
