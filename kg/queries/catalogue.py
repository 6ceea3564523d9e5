"""The saved-query catalogue: ``queries/*.rq``, each with a ``#+`` YAML metadata header.

::

    #+ title: Objections
    #+ description: Who objected to which proposal, and why.
    #+ params:
    #+   - {name: issue, type: issue, description: only objections to proposals on this issue}
    #+ columns: [objection, objector, proposal, issue, reason, source, mode]
    #+ iris: [objection, proposal]
    #+ pages: {by: headline, via: objection, keys: "SELECT ?objection ?headline WHERE { ... }"}
    #+ (or by several keys of any kind: {order: [type, label], via: actor,
    #+   keys: "SELECT DISTINCT ?actor ?type ?label WHERE { ... }"})
    PREFIX tkg: <https://w3id.org/tradekg/ontology#>
    SELECT ...

``lists: [aliases, posts, members]`` (actors.rq) names the columns that hold lists of names,
concatenated by the query with a line break in the store's order and sorted by tradekg
(LIST_SEPARATOR below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kg.errors import InputError, UsageError
from kg.resources import queries_dir

# libyaml's safe loader where PyYAML has it: parsing the headers in Python took 0.1 s a run
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PARAM_TYPES = (
    "actor",
    "issue",
    "agreement",
    "negotiation",
    "place",
    "proposal",
    "article",
    "fact",
    "string",
    "date",
    "integer",
)

# What a listing's first pages may be read by (``pages: {by: KEY}``, kg.queries.keyed): the
# variable its ORDER BY starts with, and a query for every value that variable can take
KEYED_PAGES = {
    "headline": "PREFIX schema: <https://schema.org/>\n"
    "SELECT DISTINCT ?key WHERE { ?article schema:headline ?key }",
}
_OUTER_ORDER = re.compile(r"^ORDER BY\s+\?(\w+)", re.M)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_ORDER_TERM = re.compile(r"\s*((?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)", re.I)
_SELECT_VARS = re.compile(r"^\s*SELECT\s+(?:DISTINCT\s+)?((?:\?\w+\s+)+)WHERE\b", re.I)
_PREFIX = re.compile(r"^PREFIX\s+\w*:\s*<[^>]*>\s*$", re.M)
# ``lists: [COLUMN, ...]``: columns whose values the query concatenates with LIST_SEPARATOR
# (``GROUP_CONCAT(DISTINCT ?x; separator="\n")``), in the store's order; wherever tradekg
# returns rows (kg.queries.run), each is sorted by code point and joined with LIST_JOIN. A name
# never holds a line break (the shapes refuse one in an actor's or a post's names), so the
# items are found again whole, where ", " is in names ("Ministry of Trade, Industry and Energy")
LIST_SEPARATOR = "\n"
LIST_JOIN = ", "


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path
    iris: tuple[str, ...] = ()  # the columns whose values are IRIs (the table leaves them out)
    # the columns the query gives as lists in the store's order, separated by LIST_SEPARATOR,
    # that tradekg sorts and joins with LIST_JOIN (``lists:``; kg.queries.run.finish)
    lists: tuple[str, ...] = ()
    # ``pages: {by: KEY}``: the column the ORDER BY starts with, bound in every row to a value
    # of KEYED_PAGES[KEY]; a first page is read from the rows of the first keys (kg.queries.keyed)
    page_key: str | None = None
    # ``pages: {by: KEY, then: NEXT, via: VAR, keys: QUERY}``: the column the ORDER BY
    # sorts by after KEY; QUERY (``SELECT ?VAR ?KEY ?NEXT WHERE ...``, given the listing's
    # prefixes here) gives the pairs of ?VAR and the two keys for a batch of KEYs, and the
    # listing is bound to a batch of the first pairs' values of ?VAR at a time, so that a page
    # needs only some of the rows of a KEY (kg.queries.keyed). (QUERY is also that of
    # ``order`` and ``sort`` below.)
    page_via: str | None = None
    page_keys: str | None = None
    page_then: str | None = None
    # ``pages: {order: [KEY, ...], via: VAR or [VAR, ...], keys: QUERY}``: the columns the
    # ORDER BY starts with (and whether each is DESC), and the variables a batch binds; QUERY
    # (in page_keys) gives the pairs of VARs and KEYs, sorted here (kg.queries.keyed)
    page_order: tuple[str, ...] = ()
    page_descending: tuple[bool, ...] = ()
    page_bind: tuple[str, ...] = ()
    # ``pages: {sort: "TERM ...", via: VAR or [VAR, ...], keys: QUERY}``: as ``order``, but
    # the KEYs are QUERY's own variables (values the listing's ORDER BY computes, not columns),
    # one set of them per value of the VARs; the rows of a batch are those of its VARs
    page_sort: bool = False
    # ``params: [NAME, ...]`` in either: the parameters QUERY is bound by too (it selects their
    # variables after the VARs and KEYs), so that a listing bound by one of them is paged from
    # the keys of its own rows (kg.queries.keyed)
    page_params: tuple[str, ...] = ()


def parse_query_file(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    header = "\n".join(
        line[3:] if line.startswith("#+ ") else line[2:]
        for line in text.splitlines()
        if line.startswith("#+")
    )
    try:
        meta = yaml.load(header, Loader=_SafeLoader) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        raise InputError(f"bad metadata header: {e}", path=path) from None
    for key in ("title", "description", "columns"):
        if key not in meta:
            raise InputError(f"metadata header lacks {key!r}", path=path, line=1)
    params = []
    for p in meta.get("params") or []:
        if p.get("type") not in PARAM_TYPES:
            raise InputError(
                f"parameter {p.get('name')!r} has unknown type {p.get('type')!r}",
                path=path,
                hint="types: " + ", ".join(PARAM_TYPES),
            )
        params.append(
            Param(
                str(p["name"]),
                str(p["type"]),
                str(p.get("description", "")),
                bool(p.get("required", False)),
            )
        )
    columns = tuple(str(c) for c in meta["columns"])
    iris = tuple(str(c) for c in meta.get("iris") or ())
    for c in iris:
        if c not in columns:
            raise InputError(f"IRI column {c!r} is not among the columns", path=path, line=1)
    lists = tuple(str(c) for c in meta.get("lists") or ())
    for c in lists:
        if c not in columns or c in iris:
            raise InputError(
                f"list column {c!r} is not among the columns, or is an IRI column",
                path=path,
                line=1,
            )
    for p in params:
        if p.name not in columns:
            raise InputError(
                f"parameter {p.name!r} is not among the columns",
                path=path,
                line=1,
                hint="select the parameter's variable: values are bound by substitution, "
                "which applies to projected variables only",
            )
    pages = meta.get("pages")
    page_order: tuple[str, ...] = ()
    page_descending: tuple[bool, ...] = ()
    page_bind: tuple[str, ...] = ()
    page_params: tuple[str, ...] = ()
    page_key: str | None = None
    page_via: str | None = None
    page_keys: str | None = None
    page_then: str | None = None
    page_sort = isinstance(pages, dict) and "sort" in pages
    names = [p.name for p in params]
    if isinstance(pages, dict) and page_sort:
        page_order, page_descending, page_bind, page_params, page_keys = _page_sort(
            pages, text, path, names
        )
    elif isinstance(pages, dict) and "order" in pages:
        page_order, page_descending, page_bind, page_params, page_keys = _page_order(
            pages, columns, text, path, names
        )
    else:
        page_key, page_via, page_keys, page_then = _page_key(pages, columns, text, path)
    return SavedQuery(
        name=path.stem,
        title=str(meta["title"]),
        description=str(meta["description"]).strip(),
        params=tuple(params),
        columns=columns,
        text=text,
        path=path,
        iris=iris,
        lists=lists,
        page_key=page_key,
        page_via=page_via,
        page_keys=page_keys,
        page_then=page_then,
        page_order=page_order,
        page_descending=page_descending,
        page_bind=page_bind,
        page_sort=page_sort,
        page_params=page_params,
    )


def _page_key(
    pages: object, columns: tuple[str, ...], text: str, path: Path
) -> tuple[str | None, str | None, str | None, str | None]:
    """The ``pages: {by: KEY[, then: NEXT, via: VAR, keys: QUERY]}`` of a header, checked: a
    kind of key tradekg knows, a column, and the first variable of the query's ORDER BY (the
    last one at the start of a line); with ``then``, the ORDER BY's second variable, and
    ``via``, a query of the pairs of ?VAR, ?KEY and ?NEXT (but once where NEXT is VAR).
    Returns the key, the variable, the keys query with the listing's prefixes and the next
    key (None where not given)."""
    if pages is None:
        return None, None, None, None
    by = pages.get("by") if isinstance(pages, dict) else None
    if (
        not isinstance(pages, dict)
        or by not in KEYED_PAGES
        or set(pages) - {"by", "via", "keys", "then"}
    ):
        raise InputError(
            f"pages must be {{by: KEY}} or {{by: KEY, then: NEXT, via: VARIABLE, keys: "
            f"QUERY}} with KEY one of {', '.join(KEYED_PAGES)}, not {pages!r}",
            path=path,
            line=1,
        )
    orders = _OUTER_ORDER.findall(text)
    if by not in columns or not orders or orders[-1] != by:
        raise InputError(
            f"pages are read by {by!r}, so the query must select ?{by} and its ORDER BY "
            f"must start with ?{by}",
            path=path,
            line=1,
        )
    via, keys, then = pages.get("via"), pages.get("keys"), pages.get("then")
    if via is None and keys is None and then is None:
        return str(by), None, None, None
    if (
        not isinstance(then, str)
        or then not in columns
        or _order_terms(text)[:2] != [f"?{by}", f"?{then}"]
    ):
        raise InputError(
            f"pages: then must be the column the query's ORDER BY sorts by after ?{by}, "
            f"not {then!r}",
            path=path,
            line=1,
        )
    selected = _SELECT_VARS.match(str(keys or ""))
    named = via if isinstance(via, str) else "VARIABLE"
    wanted = " ".join(f"?{v}" for v in dict.fromkeys([named, str(by), then]))
    if (
        not isinstance(via, str)
        or f"?{via}" not in text
        or selected is None
        or " ".join(selected.group(1).split()) != wanted
    ):
        raise InputError(
            f"pages read via a variable need both via: VARIABLE (one of the query's) and "
            f"keys: 'SELECT {wanted} WHERE ...', not {pages!r}",
            path=path,
            line=1,
        )
    prologue = "\n".join(_PREFIX.findall(text))
    return str(by), via, prologue + "\n" + str(keys), then


def _order_terms(text: str) -> list[str]:
    """The terms of the last ORDER BY of ``text`` (``?x``, ``DESC(?x)``), without spaces."""
    ends = [found.end() for found in _ORDER_BY.finditer(text)]
    terms: list[str] = []
    rest = text[ends[-1] :] if ends else ""
    while (term := _ORDER_TERM.match(rest)) is not None:
        word, _, name = re.sub(r"\s+", "", term.group(1)).partition("?")
        terms.append(word.upper() + "?" + name)
        rest = rest[term.end() :]
    return terms


def _page_order(
    pages: dict[str, object], columns: tuple[str, ...], text: str, path: Path, params: list[str]
) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[str, ...], tuple[str, ...], str]:
    """The ``pages: {order: [KEY, ...], via: VAR or [VAR, ...], keys: QUERY[, params: [NAME,
    ...]]}`` of a header, checked: the KEYs are columns, the listing's ORDER BY starts with
    them, and QUERY selects the VARs, then the KEYs that are not among them, then the NAMEs
    (of ``params``, the query's parameters) that are not among either. Returns the KEYs,
    whether each is sorted descending, the VARs, the NAMEs and QUERY with the listing's
    prefixes."""
    order = pages.get("order")
    names = [str(k) for k in order if isinstance(k, str)] if isinstance(order, list) else []
    heads = _order_terms(text)[: len(names)]
    problem = None
    if set(pages) - {"order", "via", "keys", "params"} or not _keys_text(pages):
        problem = "pages read by several keys need order: [KEY, ...], via and keys (and params)"
    elif not names or names != order or not all(k in columns for k in names):
        problem = "pages: order must list columns of the query"
    after_via = None
    if [t.partition("?")[2].rstrip(")") for t in heads] != names:
        after_via = f"the query's ORDER BY must start with {', '.join(names)}"
    descending = tuple(t.startswith("DESC") for t in heads)
    return _keyed_by(pages, text, path, params, names, descending, problem, after_via)


def _page_sort(
    pages: dict[str, object], text: str, path: Path, params: list[str]
) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[str, ...], tuple[str, ...], str]:
    """The ``pages: {sort: "TERM ...", via: VAR or [VAR, ...], keys: QUERY}`` of a header,
    checked: the TERMs are ``?KEY`` or ``DESC(?KEY)``, the VARs are the query's variables,
    and QUERY selects the VARs then the KEYs that are not among them (then ``params``, as
    for ``order``). That the KEYs of a VAR are what the listing's ORDER BY sorts each of its
    rows by, first, is the query's to keep (tests/test_keyed_pages.py checks every page
    against the whole answer). Returns the KEYs, whether each is sorted descending, the VARs,
    the parameters and QUERY with the listing's prefixes."""
    sort = pages.get("sort")
    rest = sort if isinstance(sort, str) else ""
    terms: list[str] = []
    while (term := _ORDER_TERM.match(rest)) is not None:
        terms.append(re.sub(r"\s+", "", term.group(1)))
        rest = rest[term.end() :]
    names = [t.partition("?")[2].rstrip(")") for t in terms]
    problem = None
    if set(pages) - {"sort", "via", "keys", "params"} or not _keys_text(pages):
        problem = 'pages read by sort keys need sort: "TERM ...", via and keys (and params)'
    elif not terms or rest.strip() or any(t.upper().startswith("ASC") for t in terms):
        problem = "pages: sort must be ?KEY or DESC(?KEY) terms"
    descending = tuple(t.upper().startswith("DESC") for t in terms)
    return _keyed_by(pages, text, path, params, names, descending, problem)


def _keys_text(pages: dict[str, object]) -> str:
    keys = pages.get("keys")
    return keys if isinstance(keys, str) else ""


def _keyed_by(
    pages: dict[str, object],
    text: str,
    path: Path,
    params: list[str],
    names: list[str],
    descending: tuple[bool, ...],
    problem: str | None,
    after_via: str | None = None,
) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[str, ...], tuple[str, ...], str]:
    """What ``pages: {order: ...}`` and ``pages: {sort: ...}`` share: after the ``problem``
    their own checks found (if any), the VARs of ``via`` must be the query's variables, then
    ``after_via`` (if any), then the NAMEs of ``params`` (if any) the query's parameters
    (``params``), then QUERY must select the VARs, the KEYs and the NAMEs not among them; the
    first problem is an error. Returns the KEYs, ``descending``, the VARs, the NAMEs and QUERY
    with the listing's prefixes."""
    via = pages.get("via")
    keys_text = _keys_text(pages)
    given = via if isinstance(via, list) else [via]
    bind = [str(v) for v in given if isinstance(v, str)]
    bound = pages.get("params", [])
    named = [str(n) for n in bound if isinstance(n, str)] if isinstance(bound, list) else []
    if problem is None and (
        not bind or len(bind) != len(given) or not all(f"?{v}" in text for v in bind)
    ):
        problem = "pages: via must be one or a list of the query's variables"
    if problem is None:
        problem = after_via
    if problem is None and (
        not isinstance(bound, list) or named != bound or not set(named) <= set(params)
    ):
        problem = "pages: params must list parameters of the query"
    if problem is None:
        selected = _SELECT_VARS.match(keys_text)
        wanted = " ".join(f"?{v}" for v in dict.fromkeys(bind + names + named))
        if selected is None or " ".join(selected.group(1).split()) != wanted:
            problem = f"pages: keys must be SELECT [DISTINCT] {wanted} WHERE ..."
    if problem is not None:
        raise InputError(f"{problem}, not {pages!r}", path=path, line=1)
    prologue = "\n".join(_PREFIX.findall(text))
    return tuple(names), descending, tuple(bind), tuple(named), prologue + "\n" + keys_text


@cache
def _parsed(path: Path) -> SavedQuery:
    return parse_query_file(path)


@cache
def _files(directory: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(directory.glob("*.rq"))}


def catalogue(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query by name, in name order."""
    return {name: _parsed(p) for name, p in _files(directory or queries_dir()).items()}


def get_query(name: str) -> SavedQuery:
    """The saved query ``name`` (only its own file is read)."""
    files = _files(queries_dir())
    if name not in files:
        import difflib

        close = difflib.get_close_matches(name, files, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "list them with 'tradekg queries'"
        raise UsageError(f"no saved query named {name!r}", hint=hint)
    return _parsed(files[name])
