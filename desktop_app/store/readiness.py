"""Is a task ready to run on this computer, and if not, what would one click fetch? The answer the panels'
banners (gui/widgets/model_hint.py) and the Getting started page (gui/dialogs/getting_started.py) both give.
Cheap: it looks at folders and the catalog, and never converts or downloads anything."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.units import human_size
from desktop_app.store.catalog import catalog_entry, licence_name
from desktop_app.store.hub_cache import looks_like_hub_id
from desktop_app.store.machine_fit import estimate_fit
from desktop_app.store.model_store import ModelStore, downloads_allowed

READY = ("ready", "needs conversion")  # a conversion happens by itself on first use
MANAGER = QT_TR_NOOP("Models ▸ Model manager (Ctrl+M)")


@dataclass(frozen=True)
class Readiness:
    task: str
    chosen: str  # the model the task would use
    name: str  # its display name
    status: str  # "ready"; "downloadable"; "offline" (not here, downloads off); "unsupported" (here, unusable)
    offer: str = ""  # what a download would fetch
    offer_name: str = ""
    size_bytes: int = 0  # of the offer, when the catalog knows it
    licence: str = ""  # of the offer: "MIT"
    fit: str = ""  # whether the offer fits this machine's memory
    hint: str = ""  # why an unsupported model cannot be used

    @property
    def about(self) -> str:
        """ " (2.4 GB, MIT licence; fits this machine …)", or "" when the catalog does not know the offer."""
        if not self.size_bytes:
            return ""
        return arg(tr(" (%1, %2 licence"), human_size(self.size_bytes), self.licence) + (
            f"; {self.fit})" if self.fit else ")"
        )

    @property
    def ready(self) -> bool:
        return self.status == "ready"

    @property
    def download_label(self) -> str:
        return arg(tr("Download %1"), self.offer_name) + (
            f" ({human_size(self.size_bytes)})" if self.size_bytes else ""
        )

    def advice(self) -> str:
        """What to do when no download can be offered."""
        if self.status == "unsupported":
            return arg(tr("%1 Choose another model, or add one in %2."), self.hint, tr(MANAGER))
        return arg(
            tr("Copy a model folder such as %1 to this computer and add it in %2."), self.offer_name, tr(MANAGER)
        )


def readiness(store: ModelStore, task: str, chosen: str) -> Readiness:
    availability = store.describe(chosen, task)
    name = availability.display_name
    if availability.status in READY:
        return Readiness(task, chosen, name, "ready")
    if availability.status == "unsupported":
        return Readiness(task, chosen, name, "unsupported", hint=availability.hint)
    offer = chosen if (catalog_entry(chosen) or looks_like_hub_id(chosen)) else store.default_ref(task)
    entry = catalog_entry(offer)
    offer_name = entry.display_name if entry else offer
    if not downloads_allowed():
        return Readiness(task, chosen, name, "offline", offer_name=offer_name)
    if entry is None:
        return Readiness(task, chosen, name, "downloadable", offer, offer_name)
    return Readiness(
        task,
        chosen,
        name,
        "downloadable",
        offer,
        offer_name,
        entry.size_bytes,
        licence_name(entry.licence),
        estimate_fit(entry.parameters).text(),
    )
