"""Coaching: phases, doses, reports, decisions, planning and the rules.

This room imports the spine model and the exercises.
"""
