"""Images: reading any picture file safely for the vision models."""
