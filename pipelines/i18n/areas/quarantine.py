# ruff: noqa: E501 (message catalogue: one message per line)
"""Why a row went to quarantine, and the notes of a load report, in both languages.

The quarantine table keeps the French sentence written by the SQL (``pipelines/ingest/sql``);
each is a template here under a reason code (``quarantine.<code>``), and
:func:`pipelines.ingest.reasons.reason_text` shows it in English by that code.
``tests/ingest/test_reason_codes.py`` checks that every reason the SQL writes has its code.
"""

from __future__ import annotations

FR: dict[str, str] = {
    "quarantine.missing_entity": "société manquante (colonne Société vide et pas de --entity)",
    "quarantine.missing_invoice_id": "n° de facture manquant",
    "quarantine.missing_invoice_date": "date de facture manquante",
    "quarantine.impossible_date": "date impossible (ce jour n'existe pas dans le calendrier)",
    "quarantine.unreadable_date": "date illisible, attendu jj/mm/aaaa, aaaa-mm-jj ou aaaammjj",
    "quarantine.date_out_of_range": "date hors plage (1950-2100), année sur 4 chiffres attendue",
    "quarantine.missing_amount": "montant manquant",
    "quarantine.unreadable_amount": "montant illisible, attendu un nombre comme 1 234,56 ou 1234.56",
    "quarantine.missing_supplier": "fournisseur manquant (raison sociale, code ou SIRET)",
    "quarantine.missing_line_no": "n° de ligne manquant",
    "quarantine.unreadable_line_no": "n° de ligne illisible, attendu un entier",
    "quarantine.duplicate_line": "ligne en double dans le fichier (même société, facture et n° de ligne) : première occurrence gardée",
    "quarantine.fx_missing": "devise sans taux de change à la date de facture (asr fx load)",
    "quarantine.fec_no_supplier": "écriture {entry} sans ligne fournisseur (401/404/408) : achat non attribué",
    "quarantine.fec_several_suppliers": "écriture {entry} avec {count} fournisseurs : achat non attribué",
    "quarantine.decp_unreadable_contract": "marché illisible",
    "quarantine.decp_missing_id": "identifiant du marché manquant",
    "quarantine.decp_unreadable_amount": "montant illisible",
    "quarantine.decp_unreadable_date": "date illisible, attendu AAAA-MM-JJ",
    "quarantine.decp_duplicate_holder": "doublon de la ligne {line} (même marché, même titulaire)",
    "quarantine.decp_exact_duplicate": "doublon exact à l'enregistrement {record} ; la dernière publication est gardée",
    "quarantine.decp_published_again": "même marché (acheteur, id, objet, date, montant et titulaires) publié à nouveau à l'enregistrement {record} ; la dernière publication est gardée",
    "quarantine.decp_former_version": "version antérieure du marché {contract}, remplacée par sa modification (donneesActuelles faux)",
    # notes of a load report
    "ingest_note.decp_amount_ignored": "marché {contract} : montant {amount} ignoré",
    "ingest_note.decp_modification_ignored": "marché {contract}, modification {position} : montant {amount} illisible, ignoré",
    "ingest_note.ignored_columns": "colonnes ignorées : {columns}",
    "ingest_note.unchanged": "contenu identique au chargement {load} : rien à faire",
    "ingest_note.fec_summary": "FEC : {rows} lignes comptables, {entries} écritures",
    "ingest_note.fec_fallback": "numéros d'écriture non fiables (un même numéro sur plusieurs dates ou la plupart des lignes, ou écritures déséquilibrées) : {entries} écritures reconstituées en suites de lignes consécutives d'un journal et d'une date qui s'équilibrent",
    "ingest_note.fec_opening": "{entries} écriture(s) d'à-nouveaux ignorée(s) : {lines} lignes sur comptes d'achat, {amount} EUR, jamais comptées comme achats",
    "ingest_note.fec_several": "{lines} lignes d'achat en quarantaine : leur écriture a plusieurs fournisseurs",
    "ingest_note.fec_none": "{lines} lignes d'achat en quarantaine : leur écriture n'a pas de ligne fournisseur 401/404/408",
}

EN: dict[str, str] = {
    "quarantine.missing_entity": "missing entity (empty Société column and no --entity)",
    "quarantine.missing_invoice_id": "missing invoice number",
    "quarantine.missing_invoice_date": "missing invoice date",
    "quarantine.impossible_date": "impossible date (no such day in the calendar)",
    "quarantine.unreadable_date": "unreadable date, expected dd/mm/yyyy, yyyy-mm-dd or yyyymmdd",
    "quarantine.date_out_of_range": "date out of range (1950-2100), a 4-digit year expected",
    "quarantine.missing_amount": "missing amount",
    "quarantine.unreadable_amount": "unreadable amount, expected a number such as 1 234,56 or 1234.56",
    "quarantine.missing_supplier": "missing supplier (name, code or SIRET)",
    "quarantine.missing_line_no": "missing line number",
    "quarantine.unreadable_line_no": "unreadable line number, expected a whole number",
    "quarantine.duplicate_line": "line twice in the file (same entity, invoice and line number): first occurrence kept",
    "quarantine.fx_missing": "currency without an exchange rate at the invoice date (asr fx load)",
    "quarantine.fec_no_supplier": "entry {entry} without a supplier line (401/404/408): purchase not attributed",
    "quarantine.fec_several_suppliers": "entry {entry} with {count} suppliers: purchase not attributed",
    "quarantine.decp_unreadable_contract": "unreadable contract",
    "quarantine.decp_missing_id": "missing contract id",
    "quarantine.decp_unreadable_amount": "unreadable amount",
    "quarantine.decp_unreadable_date": "unreadable date, expected YYYY-MM-DD",
    "quarantine.decp_duplicate_holder": "duplicate of line {line} (same contract, same holder)",
    "quarantine.decp_exact_duplicate": "exact duplicate of record {record}; the last publication is kept",
    "quarantine.decp_published_again": "same contract (buyer, id, subject, date, amount and holders) published again at record {record}; the last publication is kept",
    "quarantine.decp_former_version": "former version of contract {contract}, replaced by its modification (donneesActuelles false)",
    "ingest_note.decp_amount_ignored": "contract {contract}: amount {amount} ignored",
    "ingest_note.decp_modification_ignored": "contract {contract}, modification {position}: unreadable amount {amount}, ignored",
    "ingest_note.ignored_columns": "ignored columns: {columns}",
    "ingest_note.unchanged": "same content as load {load}: nothing to do",
    "ingest_note.fec_summary": "FEC: {rows} accounting lines, {entries} entries",
    "ingest_note.fec_fallback": "unreliable entry numbers (one number over several dates or most lines, or unbalanced entries): {entries} entries rebuilt as runs of consecutive lines of one journal and date that balance",
    "ingest_note.fec_opening": "{entries} opening entr(y/ies) skipped: {lines} lines on purchase accounts, {amount} EUR, never counted as purchases",
    "ingest_note.fec_several": "{lines} purchase lines in quarantine: their entry has several suppliers",
    "ingest_note.fec_none": "{lines} purchase lines in quarantine: their entry has no supplier line 401/404/408",
}
