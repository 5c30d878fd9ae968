"""Whether a model will fit this machine's memory, estimated the way Jan and LM Studio show it: from the
parameter count and the memory free now."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.i18n import arg, tr
from desktop_app.core.units import human_size

BYTES_PER_PARAMETER = 4  # the engines run in float32 on the CPU
OVERHEAD = 1.2  # activations, caches and the copy a load briefly holds
RUNTIME_BYTES = 300 * 1024 * 1024  # torch and transformers themselves


@dataclass(frozen=True)
class Fit:
    verdict: str  # "fits", "tight", "too big", "unknown"
    needed_bytes: int
    available_bytes: int

    def text(self) -> str:
        if self.verdict == "unknown":
            return ""
        needs = arg(
            tr("needs about %1 of memory, %2 free"), human_size(self.needed_bytes), human_size(self.available_bytes)
        )
        words = {
            "fits": tr("fits this machine (%1)"),
            "tight": tr("tight: close other programs first (%1)"),
            "too big": tr("too big for this machine (%1)"),
        }
        return arg(words[self.verdict], needs)


def memory_needed(parameters: int) -> int:
    return int(parameters * BYTES_PER_PARAMETER * OVERHEAD) + RUNTIME_BYTES


def estimate_fit(parameters: int) -> Fit:
    if parameters <= 0:
        return Fit("unknown", 0, 0)
    import psutil

    memory = psutil.virtual_memory()
    needed = memory_needed(parameters)
    verdict = "fits" if needed <= memory.available else "tight" if needed <= memory.total * 0.9 else "too big"
    return Fit(verdict, needed, int(memory.available))
