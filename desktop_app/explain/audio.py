"""Time segments as features: the stretches of audio a transcript rests on (Whisper).

The audio is cut into equal segments over its length (at most 30 s, one window). A segment is "removed" by
setting its log-mel frames to the floor Whisper's feature extractor gives silence, so the model hears
nothing there; a mask weight between 0 and 1 fades the frames towards that floor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.explain.methods import ElementWeights, FeatureScore, answer_log_prob

FRAME_S = 0.01  # Whisper's log-mel hop: 160 samples at 16 kHz
SILENCE_BELOW_LOUDEST = 2.0  # Whisper's scaled log-mel of silence, below the loudest frame heard
SEGMENTS = 32  # at most, over the clip
SHORTEST_S = 0.1


def segment_times(duration_s: float) -> tuple[tuple[float, float], ...]:
    """[start, end) seconds of equal segments covering the clip, none shorter than SHORTEST_S."""
    length = max(SHORTEST_S, round(duration_s / SEGMENTS, 2))
    times, start = [], 0.0
    while start < duration_s - 1e-6:
        times.append((round(start, 3), round(min(start + length, duration_s), 3)))
        start += length
    return tuple(times)


class TranscriptScore(FeatureScore):
    """log p(transcript words | audio with some segments silenced). `ids` (1, t) is everything the decoder
    reads (its prompt tokens, then the transcript); `words` the positions of the transcript's text tokens."""

    def __init__(
        self,
        model: Any,
        features: Any,
        times: tuple[tuple[float, float], ...],
        ids: Any,
        words: list[int],
        on_batch: Callable[[int], None],
        focus: tuple[int, int] | None = None,
    ) -> None:
        import torch

        super().__init__(tuple(f"{start:.2f}–{end:.2f} s" for start, end in times), on_batch)
        self.model, self.features, self.ids = model, features, ids
        chosen = words if focus is None else words[focus[0] : focus[1]]
        self.positions = torch.tensor(chosen, device=ids.device)
        frames = features.shape[-1]
        segment_of = torch.full((frames,), -1, dtype=torch.long, device=features.device)  # the padding: -1
        for segment, (start, end) in enumerate(times):
            segment_of[round(start / FRAME_S) : min(round(end / FRAME_S), frames)] = segment
        heard = features[..., segment_of >= 0]
        # Silence: the extractor clamps the log-mel to 8 (log10) below the loudest frame, 2 after its scaling
        # ((x + 4) / 4). Not the input's minimum: speech with no pause in it never reaches the clamp.
        self.floor = heard.amax() - SILENCE_BELOW_LOUDEST if heard.numel() else features.amin()
        self.frames = ElementWeights(segment_of)

    def forward(self, masks: Any) -> Any:
        masks = masks.to(self.features.device)
        weights = self.frames(masks)
        heard = self.floor + weights.unsqueeze(1) * (self.features - self.floor)
        ids = self.ids.expand(masks.shape[0], -1)
        logits = self.model(input_features=heard, decoder_input_ids=ids, use_cache=False).logits
        return answer_log_prob(logits[:, self.positions - 1], ids[:, self.positions])
