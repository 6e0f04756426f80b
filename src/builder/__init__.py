"""Build validated Frictionless Data Packages from interview transcripts.

The library entry points are :func:`builder.build.build` and
:func:`builder.validate.validate_package`; ``builder`` on the command line is a thin
wrapper over them (see :mod:`builder.cli`).
"""

__version__ = "0.1.0"
