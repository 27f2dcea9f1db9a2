"""An optional LLM helper, always checked by the compiler, never trusted blindly.

* :mod:`autodsl.llm.config` — settings from flags and environment (``AUTODSL_LLM_*``)
* :mod:`autodsl.llm.client` — OpenAI-compatible client: retries, time budget, tokens
* :mod:`autodsl.llm.cache` — SQLite response cache
* :mod:`autodsl.llm.messages` — versioned prompt files, protocol text kept as data
* :mod:`autodsl.llm.proposals` — what the LLM may propose and its checks
* :mod:`autodsl.llm.merge` — gaps in a PDG and merging checked proposals
* :mod:`autodsl.llm.loop` — propose, check, repair, merge (``assist_pdg``)

See ``docs/llm.md``. Nothing here is imported by ``autodsl`` unless ``--llm`` is given.
"""

__all__: list[str] = []
