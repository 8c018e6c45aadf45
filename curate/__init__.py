"""curate: training-data curation for reasoning-ready pretraining mixtures.

The stages of the loop live in sub-packages named for what they do:
``curate.io`` (corpus reading and writing), ``curate.world`` (the generated default
corpus and query suites), and later ``lm``, ``influence``, ``classify``, ``mix``, ``ablate``.
The ``curate`` command line is a thin layer over these modules.
"""

__version__ = "0.1.0"
