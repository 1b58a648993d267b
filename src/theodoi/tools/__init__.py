"""External programs theodoi runs (LibreOffice), each behind one module that finds it,
runs it safely and says in one exception what went wrong.

Below extraction and reports, beside the domain: both read documents through these
(the DOC/ODT reader, the report PDF), so neither reaches into the other for it; the one
finder (`soffice.find`) also tells the report form whether PDF can be offered. Imports
only the standard library and the domain (an import-linter contract).
"""
