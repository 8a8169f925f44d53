"""The Datasette side of the project: metadata, canned queries, the document page, number display.

``plugin`` holds the hooks, ``highlight`` turns spans into nested HTML, ``metadata.yml`` is the
metadata as data; ``pipeline.serve`` puts them together for ``extract serve``.
"""
