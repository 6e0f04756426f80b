"""Metadata documents derived from a package's ``datapackage.json`` and Table Schemas.

A build writes three of them next to ``datapackage.json``, so that nothing about the
package is written twice by hand:

- ``croissant.json``: Croissant 1.0 JSON-LD (a schema.org ``Dataset`` with the
  ``cr:`` vocabulary), for ML tooling and dataset search engines: one ``FileObject``
  per file with its sha256 (the JSONL and Parquet copies marked ``sameAs`` the CSV
  one), one ``RecordSet`` per table with a ``Field`` per column, typed, keyed and
  referenced as the Table Schema says (but for a table's foreign keys to itself, such
  as ``entities.related_entity_id``, which Croissant readers take for a cycle);
- ``CITATION.cff`` (Citation File Format 1.2.0) and ``.zenodo.json`` (Zenodo's deposit
  metadata), with the version and repository URL.

:func:`schema_org` is the same dataset-level description as a plain schema.org
``Dataset``, which ``builder site`` embeds in the head of its index page.

Everything comes from the descriptor (version, ``homepage``, licences, contributors,
resources) and from what a build knows of each interview (publisher, date), so a new
table or interview flows into every document by itself. No library writes Croissant
from a Table Schema (``mlcroissant`` reads and validates it, and is used for that in
the tests), hence the mapping here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

import yaml

CROISSANT = "croissant.json"
CITATION = "CITATION.cff"
ZENODO = ".zenodo.json"
#: The generated documents, in the order a build writes them.
DOCUMENTS = (CROISSANT, CITATION, ZENODO)

CROISSANT_SPEC = "http://mlcommons.org/croissant/1.0"
#: The Croissant 1.0 JSON-LD context (the vocabulary every Croissant file declares).
_CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
#: Table Schema field type -> schema.org data type.
_DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "date": "sc:Date",
    "boolean": "sc:Boolean",
}
#: Resource format -> the encoding format Croissant readers recognise.
_ENCODINGS = {
    "csv": "text/csv",
    "jsonl": "application/jsonlines",
    "parquet": "application/x-parquet",
    "txt": "text/plain",
}
_CFF_MESSAGE = (
    "If you use this dataset, please cite it as below, and cite the original interviews "
    "from their publishers."
)
_TEXT_RIGHTS = "Text copyright of the publisher; included for research, no rights granted."


def write_documents(root: Path, descriptor: dict, interviews: list[dict]) -> None:
    """Write every generated document into the package folder ``root``."""
    schemas = read_schemas(root, descriptor)
    (root / CROISSANT).write_text(_json(croissant(descriptor, schemas)), "utf-8")
    (root / CITATION).write_text(citation_cff(descriptor, interviews), "utf-8")
    (root / ZENODO).write_text(_json(zenodo(descriptor, interviews)), "utf-8")


def read_schemas(root: Path, descriptor: dict) -> dict[str, dict]:
    """The Table Schemas the descriptor's resources name, by their path."""
    paths = {r["schema"] for r in _tables(descriptor) if isinstance(r.get("schema"), str)}
    return {p: json.loads((root / p).read_text(encoding="utf-8")) for p in sorted(paths)}


def _json(obj: dict) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def _tables(descriptor: dict) -> list[dict]:
    return [r for r in descriptor["resources"] if r.get("type") == "table"]


def _authors(descriptor: dict) -> list[str]:
    contributors = descriptor.get("contributors", [])
    return [str(c["title"]) for c in contributors if isinstance(c, dict) and c.get("title")]


def bibtex(descriptor: dict) -> str:
    """A BibTeX ``@misc`` entry for the package (Croissant's ``citeAs``), keyed
    ``<name>-<year>``."""
    d = descriptor
    year = str(d.get("created", ""))[:4]
    fields = {
        "title": d.get("title") or d.get("name"),
        "author": " and ".join("{" + a + "}" for a in _authors(d)),
        "year": year,
        "version": d.get("version"),
        "url": d.get("homepage"),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    key = "-".join(str(x) for x in (d.get("name", "dataset"), year) if x)
    return f"@misc{{{key},\n{body}\n}}"


def croissant(descriptor: dict, schemas: Mapping[str, dict]) -> dict:
    """The Croissant JSON-LD of a package: ``schemas`` maps each Table Schema path the
    resources name to the schema."""
    files, record_sets = [], []
    canonical: dict[str, dict] = {}  # schema path -> the resource named after its table
    for res in _tables(descriptor):
        if res["format"] == "csv":
            canonical[res["schema"]] = res
    for res in descriptor["resources"]:
        file = {
            "@type": "cr:FileObject",
            "@id": res["path"],
            "name": res["name"],
            "description": res.get("description", ""),
            "contentUrl": res["path"],
            "encodingFormat": _ENCODINGS[res["format"]],
            "sha256": res["hash"].removeprefix("sha256:"),
        }
        if "bytes" in res:
            file["contentSize"] = f"{res['bytes']} B"
        same = canonical.get(res.get("schema", ""))
        if same is not None and same is not res:
            file["sameAs"] = same["path"]
        files.append(file)
    for path, res in canonical.items():
        record_sets.append(_record_set(res, schemas[path], canonical))
    return {
        "@context": _CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_SPEC,
        **_dataset(descriptor, "sc:"),
        "citeAs": bibtex(descriptor),
        "distribution": files,
        "recordSet": record_sets,
    }


def schema_org(descriptor: dict) -> dict:
    """A schema.org ``Dataset`` of the package for a web page's JSON-LD: what
    ``croissant.json`` says of the whole dataset, without its files and record sets
    (whose relative paths would not resolve from the page)."""
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        **_dataset(descriptor, ""),
        "citation": bibtex(descriptor),
    }


def _dataset(descriptor: dict, sc: str) -> dict:
    """The schema.org properties of the dataset as a whole (``sc``: the type prefix);
    those the descriptor lacks are left out (the site reads packages of any version)."""
    d = descriptor
    properties = {
        "name": d.get("name"),
        "alternateName": d.get("title"),
        "description": d.get("description"),
        "version": d.get("version"),
        "datePublished": str(d.get("created", ""))[:10],
        "url": d.get("homepage"),
        "license": _paths(d.get("licenses", [])),
        "keywords": d.get("keywords"),
        "creator": [{"@type": f"{sc}Organization", "name": a} for a in _authors(d)],
        "isBasedOn": _paths(d.get("sources", [])),
    }
    return {k: v for k, v in properties.items() if v}


def _paths(items: list) -> list[str]:
    return [str(x["path"]) for x in items if isinstance(x, dict) and x.get("path")]


def _record_set(res: dict, schema: dict, canonical: Mapping[str, dict]) -> dict:
    """One table as a RecordSet: a Field per column, read from the CSV file."""
    table = res["name"]
    tables_by_name = {r["name"]: path for path, r in canonical.items()}
    references: dict[str, str] = {}
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or table
        if target == table:
            continue  # a table referencing itself is a cycle to Croissant readers
        if target not in tables_by_name:
            raise ValueError(f"{res['schema']}: foreign key to unknown table {target!r}")
        for name, ref in zip(fk["fields"], fk["reference"]["fields"], strict=True):
            references[name] = f"{target}/{ref}"
    fields = []
    for f in schema["fields"]:
        field = {
            "@type": "cr:Field",
            "@id": f"{table}/{f['name']}",
            "name": f["name"],
            "description": f.get("description", ""),
            "dataType": _DATA_TYPES[f["type"]],
            "source": {"fileObject": {"@id": res["path"]}, "extract": {"column": f["name"]}},
        }
        if f["name"] in references:
            field["references"] = {"field": {"@id": references[f["name"]]}}
        fields.append(field)
    record_set = {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "description": schema.get("description", ""),
        "field": fields,
    }
    key = schema.get("primaryKey", [])
    if key:
        record_set["key"] = [{"@id": f"{table}/{k}"} for k in key]
    return record_set


def citation_cff(descriptor: dict, interviews: list[dict]) -> str:
    """CITATION.cff for the package, citing each interview's publication as a reference."""
    url = descriptor.get("homepage")
    cff = {
        "cff-version": "1.2.0",
        "message": _CFF_MESSAGE,
        "type": "dataset",
        "title": descriptor["title"],
        "abstract": descriptor["description"],
        "version": descriptor["version"],
        "date-released": dt.date.fromisoformat(descriptor["created"][:10]),
        "license": descriptor["licenses"][0]["name"],
        **({"repository-code": url, "url": url} if url else {}),
        "authors": [{"name": a} for a in _authors(descriptor)],
        "keywords": descriptor.get("keywords", []),
        "references": [
            {
                "type": "generic",
                "title": row["title"],
                "authors": [{"name": row["publisher"] or "publisher unknown"}],
                **({"date-published": row["published"]} if row.get("published") else {}),
                **({"url": row["source_url"]} if row.get("source_url") else {}),
                "notes": _TEXT_RIGHTS,
            }
            for row in interviews
        ],
    }
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=1000)


def zenodo(descriptor: dict, interviews: list[dict]) -> dict:
    """Zenodo's deposit metadata (``.zenodo.json``) for a release of the package."""
    related = []
    if descriptor.get("homepage"):
        related.append(
            {"identifier": descriptor["homepage"], "relation": "isSupplementTo", "scheme": "url"}
        )
    for url in dict.fromkeys(r["source_url"] for r in interviews if r.get("source_url")):
        related.append({"identifier": url, "relation": "isDerivedFrom", "scheme": "url"})
    return {
        "upload_type": "dataset",
        "title": descriptor["title"],
        "description": descriptor["description"],
        "version": descriptor["version"],
        "publication_date": descriptor["created"][:10],
        "license": descriptor["licenses"][0]["name"].lower(),
        "creators": [{"name": a} for a in _authors(descriptor)],
        "keywords": descriptor.get("keywords", []),
        "notes": descriptor["licenses"][0].get("title", ""),
        "related_identifiers": related,
    }
