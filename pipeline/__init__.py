"""Pull figures, entities and facts out of Vietnamese news and government texts.

The stages, in the order ``pipeline.extraction.extract_document`` calls them:
ingest → segment → numbers → entities → facts → store.
"""
