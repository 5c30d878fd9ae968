"""Every option a person can set, declared once, on the request field it fills: its type, range, default, the
words for it, its settings key and its command-line flag. The request's validation, the settings schema, the
panels' widgets, the command-line flags and the reopening of a history entry all derive from this.

    max_new_tokens: int = option(256, 1, 8192, label="Max new tokens", setting="generate/max_new_tokens")
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr

_SAME = object()  # the command line takes the option's own default


@dataclass(frozen=True)
class Option:
    label: str
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""
    step: float | None = None  # for a spin box; its minimum is one step above an exclusive minimum
    decimals: int = 2
    suffix: str = ""
    none_text: str = ""  # the option may be None (the seed): shown as this, stored in settings as minimum - 1
    setting: str = ""  # the settings key, when the window remembers it
    flag: str = ""  # the command-line flag when it is not --name-with-dashes ("--no-vad" for a True default)
    cli_default: Any = _SAME  # when scripts want another default (greedy generation, repeatable)
    initial: Any = _SAME  # what a new form starts with, when it differs from the request's default
    exclusive_minimum: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, words for it): the only values a text option takes
    name: str = ""  # the request field, filled in by `options_of`
    kind: type = object  # int, float, bool or str, filled in by `options_of`

    @property
    def command_line_default(self) -> Any:
        return self.default if self.cli_default is _SAME else self.cli_default

    @property
    def first_value(self) -> Any:
        """What the window starts with before the user has chosen anything."""
        return self.default if self.initial is _SAME else self.initial

    @property
    def command_line_flag(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")

    def check(self, value: Any) -> None:
        """Raise InvalidRequestError, with the option's own words, when `value` is out of its range."""
        if value is None and self.none_text:
            return
        if self.choices:
            if value not in {choice for choice, _ in self.choices}:
                known = " or ".join(f"'{choice}'" for choice, _ in self.choices)
                raise InvalidRequestError(
                    arg(tr("Unknown %1 '%2'."), self.label.lower(), value), hint=arg(tr("Use %1."), known)
                )
            return
        low, high = self.minimum, self.maximum
        too_low = low is not None and (value <= low if self.exclusive_minimum else value < low)
        too_high = high is not None and value > high
        if not (too_low or too_high):
            return
        if self.exclusive_minimum:
            message = f"{self.label} must be above {_number(low)} and at most {_number(high)}."
        elif high is None:
            message = f"{self.label} must be {_number(low)} or more."
        else:
            message = f"{self.label} must be between {_number(low)} and {_number(high)}."
        raise InvalidRequestError(message, hint=self.help)


def option(default: Any, minimum: float | None = None, maximum: float | None = None, **words: Any) -> Any:
    """A request field with its option declaration (see the module's docstring)."""
    spec = Option(default=default, minimum=minimum, maximum=maximum, **words)
    return dataclasses.field(default=default, metadata={"option": spec})


def options_of(request_class: type) -> dict[str, Option]:
    """The request class's options by field name, with their names and types filled in."""
    return _options_of(request_class)


@functools.cache
def _options_of(request_class: Any) -> dict[str, Option]:
    hints = typing.get_type_hints(request_class)
    found = {}
    for field in dataclasses.fields(request_class):
        spec = field.metadata.get("option")
        if spec is not None:
            found[field.name] = dataclasses.replace(spec, name=field.name, kind=_plain_type(hints[field.name]))
    return found


def check_options(request: Any) -> None:
    for name, spec in options_of(type(request)).items():
        spec.check(getattr(request, name))


def coerce(spec: Option, value: Any) -> Any:
    """A stored or typed value as the option's type (history and settings hand back JSON and strings)."""
    if value is None:
        return None if spec.none_text else spec.default
    if spec.kind is bool and isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return spec.kind(value)


def _plain_type(hint: Any) -> type:
    """int for `int`, `int | None` and friends."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint if isinstance(hint, type) else object


def _number(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
