"""Numbers: the grammar of amounts (digits and words, scales and units, ranges and qualifiers) → ``Mention`` records."""
