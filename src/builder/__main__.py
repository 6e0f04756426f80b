"""Allow ``python -m builder``."""

from builder.launch import main

raise SystemExit(main())
