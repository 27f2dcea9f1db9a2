"""Emitters: the protocol language's grammar, its parser to the PDG, and its printer.

- :mod:`autodsl.emit.grammar`: the core grammar and ``emit_grammar(spec)`` for a domain;
- :mod:`autodsl.emit.parse`: program text -> program model (:mod:`autodsl.emit.program`) -> PDG
  (:mod:`autodsl.emit.build`), with readable syntax errors;
- :mod:`autodsl.emit.printer`: PDG -> program text;
- :mod:`autodsl.emit.sample`: valid sample programs of a domain, for benchmarks and tests.

The language is described in ``docs/language.md``.
"""
