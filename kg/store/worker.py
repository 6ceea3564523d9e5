"""A query worker: a process that answers SPARQL queries over a read-only store snapshot.

Run by ``kg.store.pool`` as ``python worker.py SNAPSHOT_DIR PARENT_PID``; it reads requests
from stdin and writes answers to stdout, each a frame: 4 bytes of length (big-endian), then
UTF-8 JSON. Its only purpose is to be killable: Oxigraph has no query timeout, so a query that
runs past the time limit is stopped by killing the process that runs it. It first arranges to
end with its parent (``kg.lifeline``): a killed server or command leaves no worker running a
query on its own.

This file imports nothing but the standard library, pyoxigraph, ``kg.guard``, ``kg.lifeline``
and ``kg.syntaxes`` (not the rest of the ``kg`` package), so a worker starts in a fraction of a
second. Before it opens the
store it switches the network guard on with nothing allowed, and says so in its first frame.

Request: ``{"snapshot", "query", "bindings", "limit", "offset", "format", "default_graph",
"named_graphs", "prefixes"}`` (``offset``: a SELECT's first rows are skipped, and ``limit``
counts the rows after them); a ``snapshot`` other than the one open is opened first (the
server moves on to newer snapshots while it runs). Terms travel as lists: ``["uri", iri]``,
``["bnode", id]``, ``["literal", text, datatype or null, language or null]``. Answers::

    {"kind": "ready", "guarded": true}                         once, at start
    {"kind": "boolean", "value": true}                         ASK
    {"kind": "rows", "vars": [...], "rows": [[term or null]], "truncated": false}   SELECT
    {"kind": "triples", "triples": [[s, p, o]], "truncated": false}    CONSTRUCT, format "rows"
    {"kind": "graph", "data": "...", "count": 12, "truncated": false}  CONSTRUCT, other formats
    {"kind": "error", "error": "syntax" | "store" | "bind", "message": "..."}
"""

from __future__ import annotations

import io
import itertools
import json
import os
import struct
import sys
from typing import Any

import pyoxigraph as ox

from kg import guard, lifeline, syntaxes

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Term = list[Any]


def read_frame(fd: int) -> bytes | None:
    """One frame from ``fd``, or None at the end of the stream."""
    header = _read_exactly(fd, 4)
    if header is None:
        return None
    body = _read_exactly(fd, struct.unpack(">I", header)[0])
    return body


def _read_exactly(fd: int, n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def write_frame(fd: int, message: dict[str, Any]) -> None:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    data = struct.pack(">I", len(body)) + body
    while data:
        written = os.write(fd, data)
        data = data[written:]


def wire_to_ox(term: Term) -> Any:
    kind = term[0]
    if kind == "uri":
        return ox.NamedNode(term[1])
    if kind == "bnode":
        return ox.BlankNode(term[1])
    if term[3]:
        return ox.Literal(term[1], language=term[3])
    if term[2]:
        return ox.Literal(term[1], datatype=ox.NamedNode(term[2]))
    return ox.Literal(term[1])


def ox_to_wire(term: Any) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ["uri", term.value]
    if isinstance(term, ox.BlankNode):
        return ["bnode", term.value]
    if isinstance(term, ox.Literal):
        if term.language:
            return ["literal", term.value, None, term.language]
        datatype = term.datatype.value
        return ["literal", term.value, None if datatype == XSD_STRING else datatype, None]
    return ["literal", str(term), None, None]  # an RDF 1.2 triple term, shown as text


def answer(store: Any, request: dict[str, Any]) -> dict[str, Any]:
    limit = int(request["limit"])
    options: dict[str, Any] = {}
    if request.get("default_graph") is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in request["default_graph"]]
    else:
        options["use_default_graph_as_union"] = True
    if request.get("named_graphs") is not None:
        options["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    bindings = {ox.Variable(k): wire_to_ox(v) for k, v in (request.get("bindings") or {}).items()}
    try:
        result = store.query(request["query"], substitutions=bindings or None, **options)
        if isinstance(result, ox.QueryBoolean):
            return {"kind": "boolean", "value": bool(result)}
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows: list[list[Term | None]] = []
            truncated = False
            solutions = iter(result)
            for _ in itertools.islice(solutions, int(request.get("offset") or 0)):
                pass  # skipped, not sent
            for solution in solutions:
                if len(rows) == limit:
                    truncated = True
                    break
                rows.append([ox_to_wire(solution[v]) for v in variables])
            return {"kind": "rows", "vars": variables, "rows": rows, "truncated": truncated}
        triples: list[Any] = []
        truncated = False
        for triple in result:
            if len(triples) == limit:
                truncated = True
                break
            triples.append(triple)
    except SyntaxError as e:
        return {"kind": "error", "error": "syntax", "message": str(e)}
    except RuntimeError as e:
        return {"kind": "error", "error": "bind", "message": str(e)}
    except OSError as e:
        return {"kind": "error", "error": "store", "message": str(e)}
    fmt = request.get("format", "rows")
    if fmt == "rows":
        return {
            "kind": "triples",
            "truncated": truncated,
            "triples": [
                [ox_to_wire(t.subject), ox_to_wire(t.predicate), ox_to_wire(t.object)]
                for t in triples
            ],
        }
    out = io.BytesIO()
    syntax = syntaxes.by_name(fmt)
    prefixes = request.get("prefixes") if syntax.prefixes else None
    ox.serialize(triples, out, syntax.format, prefixes=prefixes)
    return {
        "kind": "graph",
        "data": out.getvalue().decode("utf-8"),
        "count": len(triples),
        "truncated": truncated,
    }


def main(snapshot: str, parent: int) -> None:
    lifeline.end_with_parent(parent)  # first: a worker never outlives its server
    # the protocol owns the original stdout; anything printed goes to stderr
    out = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    guard.deny_all()  # a worker only reads its snapshot
    try:
        store = ox.Store.read_only(snapshot)
    except OSError as e:
        write_frame(out, {"kind": "error", "error": "store", "message": str(e)})
        return
    write_frame(out, {"kind": "ready", "guarded": guard.is_active()})
    while True:
        frame = read_frame(0)
        if frame is None:
            return
        try:
            request = json.loads(frame)
            wanted = request.get("snapshot") or snapshot
            if wanted != snapshot:  # the old snapshot's files are released with its store
                store, snapshot = ox.Store.read_only(wanted), wanted
            reply = answer(store, request)
        except Exception as e:  # the worker must answer every request, whatever went wrong
            reply = {"kind": "error", "error": "store", "message": f"{type(e).__name__}: {e}"}
        write_frame(out, reply)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
