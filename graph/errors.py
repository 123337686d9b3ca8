"""The error a user can act on: which file, which line, what is wrong.

>>> str(InputError("not UTF-8 text", file="notes.txt", line=3))
'notes.txt:3: not UTF-8 text'
>>> str(InputError("no such file", file="x.md"))
'x.md:0: no such file'
"""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """Bad input: a notes file, RDF file, query or name. Shown as ``FILE:LINE: problem``."""

    def __init__(self, problem: str, *, file: str = "<input>", line: int = 0) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        super().__init__(f"{file}:{line}: {problem}")
