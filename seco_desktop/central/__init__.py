"""The central store: PostgreSQL (or any SQLAlchemy database) holding only ciphertext.

Nothing here knows a key or a record's content: rows are opaque payloads, versions, update
sequence numbers and truncated blind indexes. Encryption and merging live in
``services/sync*.py``; this package stays beside ``store`` and ``security`` in the layers.
"""
