"""Entities: one finder a type proposes candidate spans from its rules; one resolver keeps the outermost consistent ones."""
