"""Pure-Python domain logic for PracticeOS.

Nothing in this package imports Django: the org file, the roster reader, the title
classifier, the diagnosis rules and the score all work on the frozen dataclasses in
:mod:`practiceos.core.model`, so they run without a database (``practiceos check org.yaml``)
and are unit- and property-tested directly.
"""
