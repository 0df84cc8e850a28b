"""Texts of the Explorer's downloads (every selected line, streamed; labels as on screen)."""

FR = {
    "explorer.export.siret": "SIRET",
    "explorer.export.csv_all": "Télécharger les {n} lignes (CSV)",
    "explorer.export.xlsx_all": "Télécharger les {n} lignes (XLSX)",
    "explorer.export.help": "Toutes les lignes que les filtres sélectionnent, pas seulement "
    "la page affichée.",
    "explorer.export.xlsx_limit": "Un onglet Excel contient au plus {max} lignes : le fichier "
    "XLSX s'arrête aux {max} premières des {n} lignes. Le CSV les contient toutes.",
    "explorer.export.xlsx_cut_note": "Fichier limité aux {max} premières lignes sur {n} "
    "(limite d'un onglet Excel). Le téléchargement CSV contient toutes les lignes.",
}

EN = {
    "explorer.export.siret": "SIRET",
    "explorer.export.csv_all": "Download the {n} lines (CSV)",
    "explorer.export.xlsx_all": "Download the {n} lines (XLSX)",
    "explorer.export.help": "Every line the filters select, not only the page shown.",
    "explorer.export.xlsx_limit": "An Excel sheet holds at most {max} lines: the XLSX file stops "
    "at the first {max} of the {n} lines. The CSV holds them all.",
    "explorer.export.xlsx_cut_note": "File cut at the first {max} lines of {n} (the limit of an "
    "Excel sheet). The CSV download holds every line.",
}
