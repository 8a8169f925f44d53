"""Ingest: files of every format → ``Document`` records (text, title, format) or ``IngestError`` rows."""
