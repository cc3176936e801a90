"""Legal knowledge shared by the backend and the search library: how Vietnamese legal documents are numbered.

Pure Python: imports neither Django nor ``backend`` nor ``search``, so that both can import it (``search`` must
not import the backend; see docs/decisions/0011-one-copy-of-legal-knowledge.md).
"""
