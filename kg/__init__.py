"""tradekg: a knowledge graph of trade claims.

From Python (the command line is ``tradekg``):

>>> import tempfile, kg
>>> with tempfile.TemporaryDirectory() as tmp, kg.open_store(tmp) as store:
...     result = kg.ingest(store, kg.sample_dir())  # the bundled sample article
...     rows = kg.query(store, "proposals", proposer="United States")
>>> len(result.loaded), len(result.rejected)
(1, 0)
>>> for row in rows:
...     print(row["proposerLabel"], "|", row["issue"])
United States | investor-state dispute settlement
United States | rebalancing
United States | rules of origin
United States | sunset clause

``open_store``, ``ingest``, ``query``, ``sparql`` and ``export`` are documented in
``kg.api``; the errors they raise are the ``KgError`` family of ``kg.errors``. Submodules
are imported when first used, so ``import kg`` is cheap.
"""

import importlib as _importlib
import sys as _sys
import types as _types
import typing as _typing

__version__ = "0.1.0"

# name -> the module it comes from; imported on first use (module __getattr__)
_EXPORTS = {
    "open_store": "kg.api",
    "ingest": "kg.api",
    "query": "kg.api",
    "sparql": "kg.api",
    "export": "kg.api",
    "ArticleVerdict": "kg.api",
    "IngestResult": "kg.api",
    "Rows": "kg.api",
    "sample_dir": "kg.resources",
    # every exception class of kg.errors (tests/test_api.py keeps the two in step)
    "Busy": "kg.errors",
    "FileMissing": "kg.errors",
    "InputError": "kg.errors",
    "KgError": "kg.errors",
    "NetworkRefused": "kg.errors",
    "QuerySyntaxError": "kg.errors",
    "QueryTimeout": "kg.errors",
    "Refused": "kg.errors",
    "StaleCursor": "kg.errors",
    "StoreError": "kg.errors",
    "StoreInUse": "kg.errors",
    "TimedOut": "kg.errors",
    "UsageError": "kg.errors",
    "ValidationFailed": "kg.errors",
    "WorkerDied": "kg.errors",
}

__all__ = [
    "ArticleVerdict",
    "Busy",
    "FileMissing",
    "IngestResult",
    "InputError",
    "KgError",
    "NetworkRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "Refused",
    "Rows",
    "StaleCursor",
    "StoreError",
    "StoreInUse",
    "TimedOut",
    "UsageError",
    "ValidationFailed",
    "WorkerDied",
    "__version__",
    "export",
    "ingest",
    "open_store",
    "query",
    "sample_dir",
    "sparql",
]

if _typing.TYPE_CHECKING:
    from kg.api import (
        ArticleVerdict,
        IngestResult,
        Rows,
        export,
        ingest,
        open_store,
        query,
        sparql,
    )
    from kg.errors import (
        Busy,
        FileMissing,
        InputError,
        KgError,
        NetworkRefused,
        QuerySyntaxError,
        QueryTimeout,
        Refused,
        StaleCursor,
        StoreError,
        StoreInUse,
        TimedOut,
        UsageError,
        ValidationFailed,
        WorkerDied,
    )
    from kg.resources import sample_dir


def __getattr__(name: str) -> _typing.Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*(n for n in globals() if not n.startswith("_")), *__all__, "__version__"})


class _Package(_types.ModuleType):
    """``kg.ingest`` and ``kg.export`` are front-door functions and also the names of
    submodules (``kg/ingest.py``, ``kg/export.py``). Importing a submodule sets it as an
    attribute of its package, which would hide the function; this keeps the function
    (the submodules stay importable: ``from kg.ingest import ...``)."""

    def __setattr__(self, name: str, value: _typing.Any) -> None:
        if isinstance(value, _types.ModuleType) and _EXPORTS.get(name) == "kg.api":
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
