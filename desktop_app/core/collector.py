"""Work that makes many long-lived objects, with Python's cyclic garbage collector kept out of its way.

A full collection walks every object the collector tracks, holding the GIL: with torch and transformers
imported that is ~250 ms, and in the window's process (Qt's wrappers, the six panels) ~18 ms, landing on
whatever turn of the event loop happens to allocate next. Objects made to live as long as the app (modules, the
window's panels) can be moved out of its way for good (`gc.freeze`), so that later collections walk only what is
new. Freezing keeps whatever garbage is then waiting too, so it is for work done once per process, not for
anything a test suite repeats.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_collector(freeze: bool = True) -> Iterator[None]:
    """The collector off while the block runs; at its end, with `freeze`, everything then alive is frozen, not
    collected (which would be the stall itself, only later)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def freeze_what_lives() -> None:
    """Everything alive now stays for the process's life: later collections need not walk it."""
    gc.freeze()
