"""CPU time of the SPARQL endpoint's refusal check (``kg.store.querycheck``) per query text.

    python benchmarks/check_cost.py [--runs 100]

For the saved queries ``serve_load.py`` sends (each with one parameter bound by a VALUES block,
as a SPARQL client sends it): the check on the query's tokens, the median of ``--runs`` runs,
and rdflib's parse of the same text, which the check did for every new text before (one run:
it takes a tenth of a second or more). CPU time of this process, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time

from rdflib import URIRef

from kg.queries.catalogue import catalogue
from kg.sparql_terms import bind_values
from kg.store import querycheck

MIX = (
    ("provenance", "fact"),
    ("objections", "proposal"),
    ("article-audit", "article"),
    ("actors", "actor"),
)


def cpu_ms(run: object, *args: object) -> float:
    started = time.process_time()
    run(*args)  # type: ignore[operator]
    return (time.process_time() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    saved = catalogue()
    print(f"{'query':<24} {'chars':>6} {'tokens ms':>10} {'parse ms':>9}")
    for name, param in MIX:
        text = bind_values(saved[name].text, {param: URIRef("https://w3id.org/tradekg/id/x/1")})
        tokens = statistics.median(cpu_ms(querycheck._read_shape, text) for _ in range(args.runs))
        parse = cpu_ms(querycheck._parsed_shape.__wrapped__, text)
        print(f"{name + '[' + param + ']':<24} {len(text):>6} {tokens:>10.3f} {parse:>9.1f}")


if __name__ == "__main__":
    main()
