"""PDF reports: a spouse's summary and the supervisors' program report, on one framework.

``document.py`` lays out any report with the CUI / Privacy Act marking on every page and
"Page x of y"; ``framework.py`` checks the permission, reads in one transaction and renders.
A report is one module with a ``collect`` step (store reads) and a ``story`` step (flowables).
"""
