"""For the tasks with no weights on PyPI (captioning, translation): when the chosen model is not on this
computer, the panel's banner says so and how to add one, before the user tries and fails."""

from __future__ import annotations

from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.model_store import ModelStore

HOW_TO_ADD = ("To add one: with internet, choose {examples} in the model list and it downloads once; offline, "
              "copy such a model folder to this computer and add it with Models > Model manager (Ctrl+M).")


class MissingModelHint:
    def __init__(self, store: ModelStore, picker: ModelPicker, banner: MessageBanner, task: str, what: str,
                 examples: str) -> None:
        self.store, self.picker, self.banner, self.task = store, picker, banner, task
        self.message = (f"No {what} model is installed (none can be installed offline from PyPI). "
                        + HOW_TO_ADD.format(examples=examples))
        picker.ref_changed.connect(self.check)

    def check(self, *_: object) -> bool:
        """True when the chosen model is here; otherwise the banner explains how to add one."""
        if self.store.describe(self.picker.current_ref(), self.task).status == "ready":
            if self.banner.text() == self.message:
                self.banner.hide()
            return True
        self.banner.show_message(self.message, "warning")
        return False
