"""Looking inside the models the engines load: attention capture, rollout and attribution, reduced to small
numpy arrays with their labels. The engines call it, never the reverse. No Qt here."""
