"""autodsl: a compiler for laboratory protocols.

It reads protocols written for people, extracts their operations, builds a Protocol
Dependence Graph, learns a domain's DSL from a corpus and checks programs written in it.

>>> import autodsl
>>> autodsl.__version__
'0.1.0'
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
