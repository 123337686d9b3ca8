"""CloudAtlas: cloud-architecture notes as a knowledge graph, one stage package each.

``graph.read`` (notes → facts), ``graph.rdf`` (facts → triples → stores), ``graph.query`` (read-only SPARQL),
``graph.network`` (store → networkx and the analyses), ``graph.views`` (what is drawn and exported),
``graph.cli`` (the command line); ``graph.utils`` and ``graph.errors`` serve them all.
"""
