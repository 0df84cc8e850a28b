-- Typed ledger lines from the text columns of ingest_input (source_row + one varchar per field),
-- with the first problem of each unreadable row (q_reason null when the row is good) and
-- is_blank for rows whose fields are all empty (neither loaded nor quarantined).
-- Parameters: $default_entity, $has_line_no (the file has a line number column); the amount
-- parser ingest_amount(v) and its rounding test ingest_amount_rounded(v) are defined for the load
-- by land_lines.
-- The caller prefixes "with ingest_input as (...)," so that a delimited file is read, typed and
-- checked in one pass (insert_lines.sql).
parsed as (
    select
        source_row,
        coalesce(
            entity, invoice_id, line_no, invoice_date, posting_date, supplier_code, supplier_name,
            siret, post_code, buyer, account, category, naf, amount_eur, currency, description
        ) is null as is_blank,
        coalesce(ingest_text(entity), $default_entity) as entity,
        ingest_text(invoice_id) as invoice_id,
        ingest_text(line_no) as line_no_raw,
        try_cast(ingest_text(line_no) as integer) as line_no,
        ingest_text(invoice_date) as invoice_date_raw,
        ingest_date(invoice_date) as invoice_date,
        ingest_date(posting_date) as posting_date,
        ingest_text(supplier_code) as supplier_code,
        ingest_text(supplier_name) as supplier_name,
        ingest_siret(siret) as siret,
        ingest_post_code(post_code) as post_code,
        ingest_text(buyer) as buyer,
        ingest_text(account) as account,
        ingest_text(category) as category,
        ingest_text(naf) as naf,
        ingest_text(amount_eur) as amount_raw,
        ingest_amount(amount_eur) as amount,
        amount_eur as amount_text,
        ingest_currency(currency) as currency,
        ingest_text(description) as description
    from ingest_input
),

checked as (
    select
        *,
        case
            when entity is null then {'reason': 'société manquante (colonne Société vide et pas de --entity)', 'col': 'entity', 'val': null}
            when invoice_id is null then {'reason': 'n° de facture manquant', 'col': 'invoice_id', 'val': null}
            when invoice_date_raw is null then {'reason': 'date de facture manquante', 'col': 'invoice_date', 'val': null}
            when invoice_date is null and ingest_date_shaped(invoice_date_raw) then {'reason': 'date impossible (ce jour n''existe pas dans le calendrier)', 'col': 'invoice_date', 'val': invoice_date_raw}
            when invoice_date is null then {'reason': 'date illisible, attendu jj/mm/aaaa, aaaa-mm-jj ou aaaammjj', 'col': 'invoice_date', 'val': invoice_date_raw}
            when not ingest_date_ok(invoice_date) then {'reason': 'date hors plage (1950-2100), année sur 4 chiffres attendue', 'col': 'invoice_date', 'val': invoice_date_raw}
            when amount_raw is null then {'reason': 'montant manquant', 'col': 'amount_eur', 'val': null}
            when amount is null then {'reason': 'montant illisible, attendu un nombre comme 1 234,56 ou 1234.56', 'col': 'amount_eur', 'val': amount_raw}
            when supplier_name is null and supplier_code is null and siret is null then {'reason': 'fournisseur manquant (raison sociale, code ou SIRET)', 'col': 'supplier_name', 'val': null}
            when $has_line_no and line_no_raw is null then {'reason': 'n° de ligne manquant', 'col': 'line_no', 'val': null}
            when line_no_raw is not null and line_no is null then {'reason': 'n° de ligne illisible, attendu un entier', 'col': 'line_no', 'val': line_no_raw}
        end as problem
    from parsed
),

final as (
    select
        source_row,
        entity,
        invoice_id,
        line_no,
        invoice_date,
        posting_date,
        supplier_code,
        supplier_name,
        siret,
        post_code,
        buyer,
        account,
        category,
        naf,
        amount,
        -- true only for rounded amounts (null otherwise: nothing stored for the usual case)
        case when amount is not null and ingest_amount_rounded(amount_text) then true end
            as amount_is_rounded,
        cast(null as decimal(18, 2)) as amount_orig,
        currency,
        description,
        is_blank,
        case when not is_blank then problem.reason end as q_reason,
        problem.col as q_field,
        problem.val as q_value
    from checked
)

select * from final
