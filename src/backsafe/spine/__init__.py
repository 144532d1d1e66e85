"""The spinal-load model: value types, constants and equations.

The constants carry their sources. This room imports no other room of
backsafe.
"""
