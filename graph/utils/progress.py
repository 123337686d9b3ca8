"""A progress bar on the terminal for long work: ``progress(done, total, what)`` drawn with tqdm.

:class:`ProgressBar` is a callable with the signature :func:`graph.rdf.pipeline.build_store` and
:func:`graph.rdf.incremental.sync_store` call as they go (``done`` steps of ``total``, ``what``
is being worked on). It draws on standard error, and only when that is a terminal (or when
forced), so piped output and logs stay clean. Use it as a context manager, so the bar is
closed even when the work fails.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> with ProgressBar(force=True, file=out, desc="build") as progress:
...     progress(0, 2, "a.md")
...     progress(2, 2, "done")
>>> "2/2" in out.getvalue()
True
>>> with ProgressBar(file=io.StringIO()) as quiet:  # not a terminal: draws nothing
...     quiet(1, 2, "a.md")
>>> quiet.active
False
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO

__all__ = ["ProgressBar", "progress_bar"]


class ProgressBar:
    """A tqdm bar fed by ``progress(done, total, what)`` calls.

    Parameters
    ----------
    desc : str
        The words before the bar ("build", "load").
    file : text stream, optional
        Where to draw (standard error by default).
    force : bool
        Draw even when ``file`` is not a terminal.
    min_interval : float
        Seconds between redraws.
    """

    def __init__(
        self, desc: str = "", *, file: IO[str] | None = None, force: bool = False, min_interval: float = 0.1
    ) -> None:
        self.file = file if file is not None else sys.stderr
        self.desc = desc
        self.min_interval = min_interval
        self.active = force or _is_terminal(self.file)
        self._bar = None

    def __call__(self, done: int, total: int, what: str) -> None:
        """Move the bar to ``done`` of ``total``, showing ``what``."""
        if not self.active:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                desc=self.desc or None,
                file=self.file,
                mininterval=self.min_interval,
                dynamic_ncols=True,
                leave=True,
                unit="step",
            )
        bar = self._bar
        if bar.total != total:
            bar.total = total
        bar.set_postfix_str(what[-40:], refresh=False)
        bar.update(max(done - bar.n, 0))
        if done >= total:
            self.close()

    def close(self) -> None:
        """Finish the bar (safe to call twice)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def progress_bar(desc: str = "", *, force: bool = False) -> ProgressBar:
    """A :class:`ProgressBar` on standard error: what the command line passes as ``progress``.

    >>> bar = progress_bar("build")
    >>> bar(1, 1, "done")  # draws only on a terminal
    """
    return ProgressBar(desc, force=force)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
