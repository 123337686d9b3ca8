"""Benchmarks for CloudAtlas and the synthetic notes they run on (:mod:`bench.synth`)."""

__all__: list[str] = []
