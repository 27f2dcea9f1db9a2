"""Induction of a domain's DSL from a corpus (``autodsl learn``; see docs/spec.md).

``spec`` (the :class:`~autodsl.induce.spec.DslSpec` model), ``verbs`` (verb keys, lookup
forms, head verbs), ``effects`` (what verbs do to material, from X-WLP and the lexicon),
``features`` (instance actions and verb profiles), ``dpmm`` (Dirichlet-process
mixtures by collapsed Gibbs sampling), ``operations`` (verbs -> opcodes), ``slots``
(slot names, slots, patterns), ``flow`` (product flow), ``syntax`` (syntactic features),
``corpus`` (parallel extraction, domains, held-out split), ``learn`` (the driver),
``report`` (the markdown report), ``metrics`` (coverage, clustering quality) and
``registry`` (bundled specs, choosing a domain).
"""
