"""Microphone recording through PortAudio (sounddevice), written to a WAV file as it is captured.

The PortAudio callback only copies each block into a queue, so it never blocks and never waits for a
model. A writer thread appends the blocks to the file (flushed twice a second: a crash loses at most
half a second) and keeps what the GUI shows: the level, a scrolling waveform and new audio for live mode.
"""

from __future__ import annotations

import os
import queue
import struct
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.errors import AppError
from desktop_app.core.i18n import arg, tr

PREFERRED_RATE = 16_000  # what speech models want; PortAudio/PulseAudio resample when the device differs
BLOCK_FRAMES = 1024
FLUSH_EVERY_S = 0.5
WAVEFORM_POINTS_PER_S = 50  # peaks kept for the scrolling waveform
MIN_FREE_BYTES = 256 * 1024  # room to start: 8 s of 16 kHz, 16-bit audio (a full disk is said when it fills)


class AudioDeviceError(AppError):
    kind = "audio_device"


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    default_rate: int
    is_default: bool


@dataclass(frozen=True)
class RecordingInfo:
    path: Path
    rate: int
    frames: int
    overflows: int  # PortAudio reported lost input (the callback was late)
    dropped_blocks: int  # blocks the writer could not take (its queue was full)

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def sounddevice_module() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise AudioDeviceError(
            tr("Audio input is not available: the PortAudio library was not found."),
            hint=tr("Install it (Debian/Ubuntu: sudo apt install libportaudio2)."),
            detail=str(exc),
        ) from exc
    return sounddevice


def list_input_devices(rescan: bool = False) -> list[InputDevice]:
    """Every device that can record; empty when there is none (or no audio system at all). `rescan` restarts
    PortAudio, which otherwise keeps the device list it found when first loaded (a microphone plugged in
    later, or a sound server started later, would not appear)."""
    try:
        sd = sounddevice_module()
        if rescan:
            sd._terminate()  # documented way to refresh: https://github.com/spatialaudio/python-sounddevice/issues/125
            sd._initialize()
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except (AudioDeviceError, Exception):  # PortAudioError has no stable import path across versions
        return []
    found = []
    for index, device in enumerate(devices):
        if int(device.get("max_input_channels", 0)) > 0:
            found.append(
                InputDevice(index, str(device["name"]), int(device.get("default_samplerate") or 0), index == default_in)
            )
    return found


class Recorder:
    def __init__(self, path: Path, device: int | None = None) -> None:
        self.path = Path(path)
        self.device = device
        self.rate = 0
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue(maxsize=2000)  # ~2 min of 1024-frame blocks
        self._stream: Any = None
        self._writer: threading.Thread | None = None
        self._lock = threading.Lock()
        self._frames = 0
        self._overflows = 0
        self._dropped = 0
        self._level = 0.0
        self._live: list[np.ndarray] = []
        self._peaks: list[float] = []
        self._peak_acc: list[float] = []
        self._started_at = 0.0
        self._error: BaseException | None = None
        self._written = 0  # frames the file took

    # ---- control (GUI thread) ----------------------------------------------------------------------------
    def start(self) -> None:
        sd = sounddevice_module()
        self.rate = self._pick_rate(sd)
        import shutil

        import soundfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # recordings are the user's own words
            if shutil.disk_usage(self.path.parent).free < MIN_FREE_BYTES:
                raise AudioDeviceError(
                    arg(tr("The disk holding %1 is full: there is no room to record."), self.path.parent),
                    hint=tr("Free some disk space, then record again."),
                )
            self._file = soundfile.SoundFile(
                os.fsencode(self.path), "w", samplerate=self.rate, channels=1, subtype="PCM_16"
            )
        except (OSError, RuntimeError) as exc:
            raise AudioDeviceError(
                arg(tr("Could not create the recording file %1: %2."), self.path, exc),
                hint=tr("Check the disk's free space and the folder's permissions."),
            ) from exc
        os.chmod(self.path, 0o600)
        try:
            self._stream = sd.InputStream(
                device=self.device,
                channels=1,
                samplerate=self.rate,
                dtype="float32",
                blocksize=BLOCK_FRAMES,
                callback=self._callback,
            )
            self._writer = threading.Thread(target=self._write_loop, name="recording-writer", daemon=True)
            self._writer.start()
            self._stream.start()
        except Exception as exc:
            self._close_after_failure()
            raise AudioDeviceError(
                tr("Could not start recording from the microphone."),
                hint=tr("Check that a microphone is connected and not used by another program."),
                detail=str(exc),
            ) from exc
        self._started_at = time.monotonic()

    def stop(self) -> RecordingInfo:
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            finally:
                self._stream = None
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None
            try:
                self._file.close()
            except Exception as exc:  # the disk filled: what reached it is kept, with a header that says so
                self._error = self._error or exc
            if self._error is not None:
                repair_wav_header(self.path)
        return self.info()

    @property
    def is_recording(self) -> bool:
        return self._stream is not None

    def info(self) -> RecordingInfo:
        with self._lock:
            return RecordingInfo(self.path, self.rate, self._frames, self._overflows, self._dropped)

    @property
    def elapsed_s(self) -> float:
        with self._lock:
            return self._frames / self.rate if self.rate else 0.0

    @property
    def level(self) -> float:
        """Peak of the latest block, 0..1."""
        return self._level

    @property
    def error(self) -> BaseException | None:
        return self._error

    def take_new_audio(self) -> np.ndarray:
        """Audio captured since the last call (float32 mono at `self.rate`), for live transcription."""
        with self._lock:
            blocks, self._live = self._live, []
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)

    def waveform(self, seconds: float = 10.0) -> np.ndarray:
        """Peaks of the last `seconds`, WAVEFORM_POINTS_PER_S per second."""
        with self._lock:
            return np.array(self._peaks[-int(seconds * WAVEFORM_POINTS_PER_S) :], dtype=np.float32)

    # ---- PortAudio's thread: copy and return ------------------------------------------------------------
    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        if status and status.input_overflow:
            self._overflows += 1
        try:
            self._queue.put_nowait(indata[:, 0].copy())
        except queue.Full:
            self._dropped += 1

    # ---- the writer thread -----------------------------------------------------------------------------
    def _write_loop(self) -> None:
        last_flush = time.monotonic()
        per_point = max(1, self.rate // WAVEFORM_POINTS_PER_S)
        pending = np.zeros(0, dtype=np.float32)
        while True:
            block = self._queue.get()
            if block is None:
                break
            if self._error is None:
                try:
                    self._file.write(block)
                    self._written += len(block)
                except Exception as exc:  # disk full: stop writing, keep what is on disk and the meter alive
                    self._error = exc
            pending = np.concatenate([pending, np.abs(block)])
            whole = len(pending) // per_point * per_point
            peaks = pending[:whole].reshape(-1, per_point).max(axis=1).tolist() if whole else []
            pending = pending[whole:]
            self._level = float(np.abs(block).max()) if len(block) else 0.0
            with self._lock:
                self._frames += len(block)
                self._live.append(block)
                self._peaks.extend(peaks)
                if len(self._peaks) > 120 * WAVEFORM_POINTS_PER_S:
                    del self._peaks[: len(self._peaks) - 60 * WAVEFORM_POINTS_PER_S]
            now = time.monotonic()
            if now - last_flush >= FLUSH_EVERY_S:
                self._flush()
                last_flush = now
        self._flush()

    def _flush(self) -> None:
        if self._error is not None:
            return
        try:
            self._file.flush()  # also rewrites the WAV header, so the file is valid up to here
        except Exception as exc:
            self._error = exc

    @property
    def written_s(self) -> float:
        """How much of the recording is in the file (less than `elapsed_s` once the disk filled)."""
        return self._written / self.rate if self.rate else 0.0

    def _pick_rate(self, sd: Any) -> int:
        try:
            sd.check_input_settings(device=self.device, channels=1, samplerate=PREFERRED_RATE, dtype="float32")
            return PREFERRED_RATE
        except Exception:
            pass
        try:
            return int(sd.query_devices(self.device, "input")["default_samplerate"])
        except Exception as exc:
            raise AudioDeviceError(
                tr("No input device was found."),
                hint=tr("Connect a microphone, or open an audio file instead."),
                detail=str(exc),
            ) from exc

    def _close_after_failure(self) -> None:
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None
        self._file.close()
        self._stream = None


def repair_wav_header(path: Path) -> None:
    """Make a 16-bit WAV's header match the samples that are really in the file (a write that failed for lack
    of room leaves the header at the last flush): every whole frame on disk is kept. The header is
    rewritten in place, which needs no free space."""
    try:
        with open(os.fsencode(path), "r+b") as wav:
            header = wav.read(44)
            if len(header) < 44 or header[:4] != b"RIFF" or header[8:12] != b"WAVE" or header[36:40] != b"data":
                return
            block_align = struct.unpack("<H", header[32:34])[0] or 1
            data = (os.fstat(wav.fileno()).st_size - 44) // block_align * block_align
            wav.seek(4)
            wav.write(struct.pack("<I", 36 + data))
            wav.seek(40)
            wav.write(struct.pack("<I", data))
    except OSError:
        pass
