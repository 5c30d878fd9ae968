"""Combining what the engines make: late fusion of captions, transcripts and text; CLIP/SigLIP matching and
folder search. Sits above the engines. No Qt here."""
