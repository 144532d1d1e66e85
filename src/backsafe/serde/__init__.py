"""Documents: the one converter for JSON and dicts, and the JSON Schemas.

An edge: nothing in the core imports it at module level.
"""
