"""Ingest: files of every format → ``Document`` records (text, title, format) or ``IngestError`` rows.

What callers use is here; ``corpus`` walks the folder and holds the table of readers (one module a
format: ``text``, ``html``, ``docx``, ``doc``, ``pdf``), all of them on ``decode`` (bytes → text).
"""
from .corpus import folder_prefix, is_folder_error, iter_documents, read_document, read_documents, walk_corpus
from .decode import UnreadableFile

__all__ = ["UnreadableFile", "folder_prefix", "is_folder_error", "iter_documents", "read_document",
           "read_documents", "walk_corpus"]
