"""Item pipelines, one job each: normalise, validate, drop duplicates, write JSON Lines."""
