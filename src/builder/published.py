"""Read a published package as a stranger would: through its ``datapackage.json``.

The site (:mod:`builder.site`) must work on any package this builder made, including a
downloaded release built by another version, so nothing here imports the builder's own
schemas or tables: resources are found by name in the descriptor, columns are read by
name (unknown ones are ignored), and each CSV is typed from the Table Schema the
package itself ships.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from builder.errors import BuildError

#: Preferred formats, best first: Parquet keeps the types; CSV is typed from its schema.
FORMATS = ("parquet", "csv")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ARROW_TYPES = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_HINT = "point at the folder of a package made by `builder build`"


@dataclass
class PublishedPackage:
    """A package folder and its descriptor; tables and transcripts are read when asked for."""

    root: Path
    descriptor: dict

    @classmethod
    def open(cls, root: Path) -> PublishedPackage:
        """The package at ``root``, read from its descriptor."""
        root = root.resolve()
        path = root / "datapackage.json"
        if not path.is_file():
            raise BuildError("no datapackage.json here", root, None, _HINT)
        try:
            descriptor = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BuildError(f"not a JSON descriptor ({err})", path, None, _HINT) from None
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise BuildError("descriptor without a list of resources", path, None, _HINT)
        return cls(root, descriptor)

    def table(self, name: str, required: tuple[str, ...] = ()) -> list[dict]:
        """Rows of table ``name`` as dicts; fails with one line when a ``required``
        column is missing."""
        table = self._read(name)
        missing = [c for c in required if c not in table.column_names]
        if missing:
            raise BuildError(
                f"table {name} lacks column(s) {', '.join(missing)}",
                self.root / "datapackage.json",
                None,
                "rebuild the package with a current `builder build`",
            )
        return table.to_pylist()

    def _resource(self, name: str) -> dict | None:
        found = {
            r.get("format"): r
            for r in self.descriptor["resources"]
            if isinstance(r, dict) and r.get("name") in (name, *(f"{name}-{f}" for f in FORMATS))
        }
        return next((found[f] for f in FORMATS if f in found), None)

    def _read(self, name: str) -> pa.Table:
        resource = self._resource(name)
        if resource is None:
            raise BuildError(
                f"datapackage.json has no Parquet or CSV resource for table {name}",
                self.root / "datapackage.json",
                None,
                _HINT,
            )
        path = self.inside(resource.get("path"), f"resource {resource.get('name')}")
        try:
            if resource["format"] == "parquet":
                return pq.read_table(path)
            return pa_csv.read_csv(
                path,
                convert_options=pa_csv.ConvertOptions(
                    column_types=self._column_types(resource),
                    null_values=[""],
                    strings_can_be_null=True,
                ),
            )
        except (OSError, pa.ArrowException) as err:
            raise BuildError(f"unreadable table ({err})", path, None, _HINT) from None

    def _column_types(self, resource: dict) -> dict[str, pa.DataType]:
        schema = resource.get("schema")
        if isinstance(schema, str):
            schema = json.loads(self.inside(schema, "schema").read_text(encoding="utf-8"))
        fields = schema.get("fields", []) if isinstance(schema, dict) else []
        return {f["name"]: _ARROW_TYPES.get(f.get("type"), pa.string()) for f in fields}

    def inside(self, relative: object, what: str) -> Path:
        """``relative`` resolved under the package root; refuses paths that leave it."""
        path = (self.root / str(relative)).resolve() if isinstance(relative, str) else None
        if path is None or not path.is_relative_to(self.root) or not path.is_file():
            raise BuildError(
                f"{what}: path {relative!r} is not a file inside the package",
                self.root / "datapackage.json",
                None,
                _HINT,
            )
        return path

    def source_text(self, interview: dict) -> str:
        """An interview's transcript decoded as the package says (a leading BOM dropped),
        the text every ``char_start``/``char_end`` counts code points of."""
        path = self.inside(interview["source_path"], f"interview {interview['interview_id']}")
        encoding = interview.get("source_encoding") or "utf-8"
        try:
            return path.read_bytes().decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as err:
            raise BuildError(f"cannot decode as {encoding} ({err})", path, None, _HINT) from None
