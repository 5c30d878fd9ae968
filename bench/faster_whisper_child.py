"""faster-whisper on a CTranslate2 Whisper folder, for bench/speech.py: run in the bench's own environment
(build/bench-env, where `make bench-env` installs it), so that the app's environment does not need it.
Its rows: float32 and int8 without voice activity, and int8 with its VAD filter.
Prints one JSON line: [[row name, best seconds, text], ...].

    build/bench-env/bin/python bench/faster_whisper_child.py CT2_FOLDER CLIP REPEATS
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    from faster_whisper import WhisperModel

    folder, clip, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = []
    for compute, vad in (("float32", False), ("int8", False), ("int8", True)):
        model = WhisperModel(folder, device="cpu", compute_type=compute, cpu_threads=int(sys.argv[4]))
        best, text = float("inf"), ""
        for _ in range(repeats):
            started = time.perf_counter()
            segments, _info = model.transcribe(clip, beam_size=1, language="en", vad_filter=vad)
            text = " ".join(s.text for s in segments)
            best = min(best, time.perf_counter() - started)
        rows.append([f"faster-whisper {compute}{' vad' if vad else ''}", best, text])
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
