"""Services that combine the engines: one dispatcher for every job, looking inside models (attention,
attribution), the compression lab, late fusion and image search. Above the engines; no Qt here."""
