"""Hugging Face ``datasets`` reads every table of the repository through the README's
``configs``, offline, and gets exactly the rows and types of the Parquet files."""

import socket

import pyarrow.parquet as pq
import pytest

from builder.schemas import TABLES
from repo import ROOT


@pytest.fixture(scope="module")
def load_dataset(tmp_path_factory):
    """``datasets.load_dataset``, offline, with its caches in a temporary folder and
    every network connection refused."""
    cache = tmp_path_factory.mktemp("hf")
    patch = pytest.MonkeyPatch()
    patch.setenv("HF_DATASETS_OFFLINE", "1")
    patch.setenv("HF_HUB_OFFLINE", "1")
    patch.setenv("HF_HOME", str(cache))

    def refuse(*args, **kwargs):
        raise OSError("network access during a test")

    patch.setattr(socket.socket, "connect", refuse)
    import datasets

    assert datasets.config.HF_HUB_OFFLINE, "datasets was imported before offline mode was set"
    datasets.disable_progress_bars()

    def load(*args, **kwargs):
        return datasets.load_dataset(*args, cache_dir=str(cache / "datasets"), **kwargs)

    yield load
    patch.undo()


@pytest.mark.parametrize("table", TABLES)
def test_every_config_loads_the_parquet_file(load_dataset, table):
    dataset = load_dataset(str(ROOT), table, split="train")
    expected = pq.read_table(ROOT / "data" / "parquet" / f"{table}.parquet")
    got = dataset.data.table
    assert got.column_names == expected.column_names
    assert got.schema.types == expected.schema.types
    assert got.to_pylist() == expected.to_pylist()


def test_a_load_without_config_names_the_tables_not_the_tests(load_dataset):
    """The loader never guesses splits from file names (it would take tests/test_*.py
    for a test split): without a config name it asks for one of the tables."""
    with pytest.raises(ValueError, match="Config name is missing") as err:
        load_dataset(str(ROOT))
    for table in TABLES:
        assert repr(table) in str(err.value)
