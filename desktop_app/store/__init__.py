"""Where things live on disk: models, history, settings. No Qt."""
