"""The widgets for a request's options, made from their declarations (core/options): range, step, default,
help as the tooltip, label. The form restores them from the settings, saves them, gives their values for the
request, and shows a history entry's. A panel can hand in a widget of its own for an option (a language list,
a text editor) with how to read and set it; the rest of the form treats it the same."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from desktop_app.core.i18n import tr
from desktop_app.core.options import Option, coerce, options_of
from desktop_app.gui.settings import AppSettings
from desktop_app.store.settings_schema import setting_for

OwnWidget = tuple[QWidget, Callable[[], Any], Callable[[Any], Any]]  # a panel's widget, its getter and setter
INT_LIMIT = 2**31 - 1  # a QSpinBox holds a C int: a wider range is cut here (the seed)


@dataclass
class Field:
    spec: Option
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], Any]


def widget_for(spec: Option) -> Field:
    """A spin box, check box, list or line edit for `spec`, set up from its declaration."""
    if spec.choices:
        combo = QComboBox()
        for value, words in spec.choices:
            combo.addItem(tr(words), value)
        combo.setToolTip(tr(spec.help))
        return Field(
            spec,
            combo,
            lambda: str(combo.currentData()),
            lambda value: combo.setCurrentIndex(max(0, combo.findData(value))),
        )
    if spec.kind is bool:
        box = QCheckBox(tr(spec.label))
        box.setToolTip(tr(spec.help))
        return Field(spec, box, box.isChecked, lambda value: box.setChecked(bool(value)))
    if spec.kind is int:
        return _spin_field(spec, QSpinBox(), int)
    if spec.kind is float:
        double = QDoubleSpinBox()
        double.setDecimals(spec.decimals)
        return _spin_field(spec, double, float)
    line = QLineEdit()
    line.setToolTip(tr(spec.help))
    return Field(spec, line, line.text, lambda value: line.setText(str(value)))


def _spin_field(spec: Option, spin: Any, number: type) -> Field:
    low, high = setting_for(spec).minimum, spec.maximum
    spin.setRange(
        number(low if low is not None else -INT_LIMIT), number(min(high, INT_LIMIT) if high is not None else INT_LIMIT)
    )
    if spec.step is not None:
        spin.setSingleStep(number(spec.step))
    spin.setSuffix(tr(spec.suffix) if spec.suffix.strip() else spec.suffix)
    spin.setToolTip(tr(spec.help))
    if spec.none_text:
        spin.setSpecialValueText(tr(spec.none_text))  # shown at the minimum, which stands for None
        return Field(
            spec,
            spin,
            lambda: None if spin.value() == spin.minimum() else spin.value(),
            lambda value: spin.setValue(spin.minimum() if value is None else number(min(value, INT_LIMIT))),
        )
    return Field(spec, spin, spin.value, lambda value: spin.setValue(number(value)))


class OptionForm:
    def __init__(
        self,
        request_class: type,
        names: list[str],
        settings: AppSettings | None,
        layout: QFormLayout | None = None,
        own: Mapping[str, OwnWidget] | None = None,
        extra: dict[str, Option] | None = None,
    ) -> None:
        """Widgets for `names` of `request_class`'s options (and `extra` options that are not a request's),
        added to `layout` in order when given; `own` names a panel's own widget, getter and setter, which the
        panel lays out itself."""
        specs = {**options_of(request_class), **(extra or {})}
        self.settings = settings
        self.fields: dict[str, Field] = {}
        for name in names:
            spec = specs[name]
            if own and name in own:
                widget, get, put = own[name]
                widget.setToolTip(tr(spec.help))
                self.fields[name] = Field(spec, widget, get, put)
                continue
            self.fields[name] = widget_for(spec)
            if layout is not None:
                widget = self.fields[name].widget
                if isinstance(widget, QCheckBox):
                    layout.addRow(widget)
                else:
                    layout.addRow(tr(spec.label), widget)

    def __getitem__(self, name: str) -> QWidget:
        return self.fields[name].widget

    def restore(self) -> None:
        """The values the user left, from the settings (or each option's first value)."""
        for field in self.fields.values():
            if field.spec.setting and self.settings is not None:
                stored = self.settings.get(setting_for(field.spec))
                field.set(None if field.spec.none_text and stored == setting_for(field.spec).minimum else stored)
            else:
                field.set(field.spec.first_value)

    def save(self) -> None:
        for field in self.fields.values():
            if field.spec.setting and self.settings is not None:
                value = field.get()
                if value is None and field.spec.none_text:
                    value = setting_for(field.spec).minimum
                self.settings.set(setting_for(field.spec), _rounded(value))

    def values(self) -> dict[str, Any]:
        """The options as the request takes them: a frozen snapshot, the worker never reads a widget."""
        return {name: _rounded(field.get()) for name, field in self.fields.items()}

    def show(self, parameters: dict[str, Any]) -> None:
        """A history entry's options, where it has them (an older entry may lack a newer option)."""
        for name, field in self.fields.items():
            if name in parameters:
                field.set(coerce(field.spec, parameters[name]))


def _rounded(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value
