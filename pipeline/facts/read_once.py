"""A value read when first asked for, then kept: work a figure may never need is not done for it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ReadOnce(Generic[T]):
    """A function of no arguments, called at most once and its answer kept (``functools.cache``
    builds a whole cache for each, which cost more than the answer when most are never asked)."""

    __slots__ = ("function", "answer", "read")

    def __init__(self, function: Callable[[], T]):
        self.function = function
        self.read = False
        self.answer: T | None = None

    def __call__(self) -> T:
        if not self.read:
            self.answer = self.function()
            self.read = True
        return self.answer
