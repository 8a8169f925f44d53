"""Facts: what each figure means (indicator, kind, period, place), read against its sentence, table and document."""
