"""Data files shipped with Rapport (catalogues, templates, icons, stylesheet)."""
