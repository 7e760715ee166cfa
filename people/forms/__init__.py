"""Forms of the people app, one module per set-up page."""
