"""Servers' API keys, kept in the operating system's keyring (Secret Service, macOS Keychain, Windows
Credential Locker) through the `keyring` library, never in the settings file."""

from __future__ import annotations

from desktop_app.core.errors import AppError
from desktop_app.core.i18n import arg, tr

SERVICE = "desktop-app"  # the keyring's service name; each key's user name is the server's address


class KeyringError(AppError):
    kind = "keyring"


def _keyring() -> object:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringError(
            tr("There is no system keyring to keep the key in."),
            hint=tr(
                "Start one (GNOME Keyring or KWallet on Linux), or leave the key empty here and give it to "
                "the command line with --api-key-env."
            ),
        )
    return keyring


def save_key(base_url: str, key: str) -> None:
    """Keep `key` for the server; an empty key forgets the one kept."""
    keyring = _keyring()
    from keyring.errors import KeyringError as Failure
    from keyring.errors import PasswordDeleteError

    try:
        if key:
            keyring.set_password(SERVICE, base_url, key)  # type: ignore[attr-defined]
        else:
            keyring.delete_password(SERVICE, base_url)  # type: ignore[attr-defined]
    except PasswordDeleteError:
        pass  # there was none
    except Failure as exc:
        raise KeyringError(arg(tr("The keyring refused the key: %1"), exc)) from exc


def stored_key(base_url: str) -> str:
    """The key kept for the server, or "" when there is none (or no keyring: a server without a key)."""
    try:
        keyring = _keyring()
    except KeyringError:
        return ""
    from keyring.errors import KeyringError as Failure

    try:
        return keyring.get_password(SERVICE, base_url) or ""  # type: ignore[attr-defined]
    except Failure:
        return ""
