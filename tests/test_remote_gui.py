"""The window with models on a real `transformers serve`: Models ▸ Servers… lists a server's models and makes
Chat and Speech use them; the answer streams in, Stop keeps what came, a server that dies mid-answer leaves the
partial answer and a clear message; the status bar and the history name the server and the model."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.remote_models import RemoteModel
from desktop_app.core.tasks import Task
from desktop_app.gui.dialogs.servers_dialog import ServersDialog
from desktop_app.remote.keys import stored_key
from desktop_app.store.settings_schema import Keys
from tests.gui_helpers import running_app
from tests.model_server import SMOLLM2_ID, WHISPER_ID, ModelServer
from tests.secret_service import secret_service
from tests.speech_helpers import HUMAN_HELLO

STORY = "Write a long story about a dragon who learns to bake bread."


def _ask(qtbot, panel, prompt: str) -> None:
    panel.prompt.setPlainText(prompt)
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)


def test_a_servers_models_run_chat_and_speech(qtbot, model_server: ModelServer, tmp_path: Path):
    # The models' side keeps the key: in the worker thread, so that it sees the keyrings this test switches
    with running_app(qtbot, models_process=False) as app:
        manager = app.open_model_manager()
        qtbot.mouseClick(manager.servers_button, Qt.MouseButton.LeftButton)  # or Models ▸ Servers…
        (dialog,) = app.window.findChildren(ServersDialog)
        manager.reject()
        dialog.address.setText(f"127.0.0.1:{model_server.port}")  # as people type it: /v1 is added
        dialog.api_key.setText("sk-kept")
        with secret_service(tmp_path / "keyrings"):
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.models.count() == 1, timeout=60_000)
            assert stored_key(model_server.base_url) == "sk-kept"  # in the real Secret Service
        assert dialog.address.text() == model_server.base_url and dialog.api_key.text() == ""
        assert app.settings.get(Keys.servers) == [model_server.base_url]  # kept for the next start
        assert "offers 1 model; its key is in the system keyring" in dialog.status.text()
        app.settings._qsettings.sync()
        assert not any(
            b"sk-kept" in f.read_bytes() for f in tmp_path.rglob("*") if f.is_file() and "keyrings" not in f.parts
        )

        import keyring
        from keyring.backends import fail

        before = keyring.get_keyring()
        keyring.set_keyring(fail.Keyring())  # a desktop without a keyring: the key serves this session only
        try:
            dialog.api_key.setText("sk-session")
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "until the app closes" in dialog.status.text(), timeout=60_000)
        finally:
            keyring.set_keyring(before)
        assert "There is no system keyring to keep the key in." in dialog.status.text() and dialog.models.count() == 1
        qtbot.mouseClick(dialog.chat_button, Qt.MouseButton.LeftButton)
        remote = RemoteModel(model_server.base_url, SMOLLM2_ID)
        picker = app.pickers[Task.GENERATE]
        assert picker.current_ref() == remote.ref
        assert picker.combo.currentText() == f"{SMOLLM2_ID} on 127.0.0.1:{model_server.port}"

        panel = app.window.show_panel("Chat")
        panel.temperature.setValue(0.0)
        _ask(qtbot, panel, "What is the capital of France?")
        qtbot.waitUntil(lambda: not panel.is_running, timeout=60_000)
        assert "Paris" in panel.output_text
        # the status bar has its own queued copy of the worker's "finished", which may come a turn later
        qtbot.waitUntil(lambda: "Done: Text generation" in app.window.job_status.activity.text(), timeout=5_000)
        assert f"on 127.0.0.1:{model_server.port}" in app.window.job_status.activity.text()
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        entry = app.history.recent()[0]
        assert entry.model_source == "server" and entry.model_ref == remote.ref

        _ask(qtbot, panel, STORY)  # Stop keeps what had come
        qtbot.waitUntil(lambda: len(panel.output_text.split()) >= 3, timeout=60_000)
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=10_000)
        kept = panel.output_text
        assert len(kept.split()) >= 3 and panel.view.views[-1].message.meta.get("finish_reason") == "cancelled"

        # Speech: Whisper is not a generator, so the server does not list it; its id is given as the model
        app.pickers[Task.TRANSCRIBE].select_ref(RemoteModel(model_server.base_url, WHISPER_ID).ref)
        speech = app.window.show_panel("Speech")
        assert not speech.options.live_check.isEnabled()  # live text needs a model here
        speech.open_files([str(HUMAN_HELLO)])
        qtbot.waitUntil(lambda: speech.result is not None, timeout=60_000)
        assert "hello world" in speech.transcript.text().lower().replace(",", "")


def test_a_server_dying_mid_answer_keeps_the_partial_answer(qtbot, served_cache: Path, tmp_path: Path):
    doomed = ModelServer(served_cache, tmp_path / "doomed.log")
    try:
        with running_app(qtbot) as app:
            app.pickers[Task.GENERATE].select_ref(RemoteModel(doomed.base_url, SMOLLM2_ID).ref)
            panel = app.window.show_panel("Chat")
            _ask(qtbot, panel, STORY)
            qtbot.waitUntil(lambda: len(panel.output_text.split()) >= 5, timeout=60_000)
            doomed.kill()
            qtbot.waitUntil(lambda: not panel.is_running, timeout=30_000)
            assert len(panel.output_text.split()) >= 5  # what came is still on screen, and kept
            assert panel.view.views[-1].message.meta.get("finish_reason") == "error"
            assert "The connection to 127.0.0.1" in panel.banner.text()
            assert "broke while writing the answer" in panel.banner.text()
            assert panel.send_button.isEnabled()

            dialog = app.open_servers()  # the server is gone: the dialog says so, nothing hangs
            dialog.address.setText(doomed.base_url)
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "Cannot reach the server" in dialog.status.text(), timeout=30_000)
            assert dialog.models.count() == 0 and app.settings.get(Keys.servers) == []
    finally:
        doomed.kill()


def test_the_servers_dialog_with_the_keyboard_alone(qtbot, model_server: ModelServer):
    with running_app(qtbot) as app:
        app.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window, timeout=5_000)
        keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(QApplication.focusWidget() or app.window, Qt.Key.Key_R, keys)  # Models ▸ Servers…
        qtbot.waitUntil(lambda: bool(app.window.findChildren(ServersDialog)), timeout=5_000)
        (dialog,) = app.window.findChildren(ServersDialog)
        assert dialog.address.hasFocus() or dialog.focusWidget() is dialog.address
        qtbot.keyClicks(dialog.address, f"127.0.0.1:{model_server.port}")
        qtbot.keyClick(dialog.address, Qt.Key.Key_Return)  # Connect is the default button
        qtbot.waitUntil(lambda: dialog.models.count() == 1, timeout=60_000)
        dialog.connect_button.setFocus()
        qtbot.keyClick(dialog.connect_button, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.models
        qtbot.keyClick(dialog.models, Qt.Key.Key_Return)  # the highlighted model serves Chat and Fusion
        assert app.pickers[Task.GENERATE].current_ref() == RemoteModel(model_server.base_url, SMOLLM2_ID).ref
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
