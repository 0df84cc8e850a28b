"""Regulatory indicators (insertion hours, OETH deduction, DECP) and the annual report.

Pure rules live in small modules (:mod:`parameters`, :mod:`oeth`, :mod:`hours`, :mod:`decp`);
:mod:`annual` gathers the figures and :mod:`annual_pdf` / :mod:`annual_xlsx` render them.
"""
