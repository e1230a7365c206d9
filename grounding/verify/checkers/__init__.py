"""Claim checkers, cheapest first: graph (symbolic), entailment (neural), LLM judge (optional)."""
