"""A real Secret Service (GNOME Keyring) on a private D-Bus session bus, unlocked, for the keys' tests: what
`keyring` talks to on a Linux desktop."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def secret_service(home: Path) -> Iterator[str]:
    """Yields the bus address; keyring's backend is chosen again on it, and put back after. The keyrings are
    kept under `home`: a new login keyring each time, never the user's."""
    import keyring.backend
    import keyring.core

    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        check=True,
    )
    address, pid = bus.stdout.split()[:2]
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "XDG_DATA_HOME": str(home)}
    daemon = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input="test-login-password",
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    before = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    backend = keyring.core.get_keyring()
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    keyring.backend.get_all_keyring.reset()  # the viable backends are found once per process: find them again
    keyring.core.init_backend()
    try:
        yield address
    finally:
        if before is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = before
        for line in daemon.stdout.splitlines():  # GNOME_KEYRING_PID=...
            if line.startswith("GNOME_KEYRING_PID="):
                os.kill(int(line.split("=", 1)[1]), signal.SIGTERM)
        os.kill(int(pid), signal.SIGTERM)
        keyring.core.set_keyring(backend)
