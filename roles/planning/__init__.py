"""The shift planner's Django side: inputs from the database (``adapter``) and stored runs (``runs``).

The planner itself is the pure ``planner`` package (``docs/planner.md``).
"""
