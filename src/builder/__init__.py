"""Build validated Frictionless Data Packages from interview transcripts.

The library entry points are :func:`builder.build.build` and
:func:`builder.validate.validate_package`; ``builder`` on the command line is a thin
wrapper over them (see :mod:`builder.cli`).
"""

from importlib.metadata import version

#: The one version of the project and of the data package it publishes: ``version`` in
#: ``pyproject.toml``, read from the installed distribution. ``datapackage.json``,
#: ``croissant.json``, ``CITATION.cff`` and ``.zenodo.json`` get it from here.
__version__ = version("interview-datasets-builder")
