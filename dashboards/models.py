"""The dashboards keep no data of their own: the figures they show are a quarter's published release,
stored by ``reflections.publication`` (``FigureRelease``, ``PublishedFigure``)."""
