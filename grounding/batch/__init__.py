"""Batch jobs over many answers: the verify-batch job (`verify_batch`), in processes or on Ray (grounding.ray_map)."""
