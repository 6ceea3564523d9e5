# Start and stop local SPARQL servers for the tests (Oxigraph server, Virtuoso) on 127.0.0.1.
# Adapted from shared/STORES.md §5. Source this file, then call the functions:
#
#   source tests/stores.sh
#   start_oxigraph 7878          # exports TRADEKG_TEST_OXIGRAPH (the query URL)
#   start_virtuoso 8890 1111     # exports TRADEKG_TEST_VIRTUOSO (+ TRADEKG_TEST_VIRTUOSO_USER/_PASSWORD)
#   stop_store oxigraph; stop_store virtuoso
#
# Each server gets its own directory under $STORE_ROOT (a new temporary directory by default)
# and is stopped by the PID recorded there, never by name. Needs curl; `oxigraph` (the PyPI
# package, or $OXIGRAPH) and `virtuoso-t`/`isql-vt` (Debian's virtuoso-opensource).

STORE_ROOT="${STORE_ROOT:-$(mktemp -d /tmp/kgstores.XXXXXX)}"

wait_http() {  # wait_http URL TIMEOUT_S -> 0 when any HTTP status < 500 answers
  local url=$1 t=${2:-60} start=$SECONDS
  until curl -s -o /dev/null -w '%{http_code}' "$url" | grep -qE '^[1-4][0-9][0-9]$'; do
    if (( SECONDS - start > t )); then echo "timeout waiting for $url" >&2; return 1; fi
    sleep 0.2
  done
}

start_oxigraph() {  # start_oxigraph [PORT] [extra serve args...]
  local port=${1:-7878}; shift || true
  local dir="$STORE_ROOT/oxigraph"
  mkdir -p "$dir"
  "${OXIGRAPH:-oxigraph}" serve --location "$dir" --bind "127.0.0.1:$port" "$@" \
    > "$STORE_ROOT/oxigraph.log" 2>&1 &
  echo $! > "$STORE_ROOT/oxigraph.pid"
  wait_http "http://127.0.0.1:$port/query" 30 || { cat "$STORE_ROOT/oxigraph.log" >&2; return 1; }
  export TRADEKG_TEST_OXIGRAPH="http://127.0.0.1:$port/query"
}

start_virtuoso() {  # start_virtuoso [HTTP_PORT] [ISQL_PORT]; sets the dba password, adds `writer`
  # VIRTUOSO_MAX_ROWS: its row cap (ResultSetMaxRows, default 10000)
  # MaxQueryCostEstimationTime = 0: no refusal on the cost estimate, which is wrong for some
  # saved queries ("The estimated execution time 0 (sec) exceeds the limit of 400 (sec)")
  local hport=${1:-8890} iport=${2:-1111} dir="$STORE_ROOT/virtuoso"
  mkdir -p "$dir"
  sed -e "s|/var/lib/virtuoso-opensource-7/db|$dir|g" \
      -e "s|^ServerPort\s*=\s*1111|ServerPort = 127.0.0.1:$iport|" \
      -e "s|^ServerPort\s*=\s*8890|ServerPort = 127.0.0.1:$hport|" \
      -e "s|^MaxQueryExecutionTime\s*=.*|MaxQueryExecutionTime = ${VIRTUOSO_QUERY_TIMEOUT_S:-30}|" \
      -e "s|^MaxQueryCostEstimationTime\s*=.*|MaxQueryCostEstimationTime = 0|" \
      -e "s|^ResultSetMaxRows\s*=.*|ResultSetMaxRows = ${VIRTUOSO_MAX_ROWS:-10000}|" \
      /etc/virtuoso-opensource-7/virtuoso.ini > "$dir/virtuoso.ini"
  # exec: the recorded PID is virtuoso-t itself, not a wrapper shell (STORES.md, PID pitfall)
  bash -c "cd '$dir' && exec virtuoso-t +configfile '$dir/virtuoso.ini' +foreground" \
    > "$dir/stdout.log" 2>&1 &
  echo $! > "$STORE_ROOT/virtuoso.pid"
  wait_http "http://127.0.0.1:$hport/sparql" 120 || { tail "$dir/virtuoso.log" >&2; return 1; }
  local pw=${VIRTUOSO_DBA_PASSWORD:-dbapass} wpw=${VIRTUOSO_WRITER_PASSWORD:-writerpass}
  isql-vt "127.0.0.1:$iport" dba dba exec="SET PASSWORD dba $pw;" >/dev/null 2>&1 || true
  isql-vt "127.0.0.1:$iport" dba "$pw" exec="DB.DBA.USER_CREATE('writer', '$wpw'); GRANT SPARQL_UPDATE TO \"writer\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 1); DB.DBA.RDF_DEFAULT_USER_PERMS_SET('writer', 7); checkpoint;" >/dev/null
  export TRADEKG_TEST_VIRTUOSO="http://127.0.0.1:$hport/sparql" TRADEKG_TEST_VIRTUOSO_USER=writer \
         TRADEKG_TEST_VIRTUOSO_PASSWORD="$wpw"
}

stop_store() {  # stop_store oxigraph|virtuoso (SIGTERM by recorded PID, KILL after 30 s)
  local f="$STORE_ROOT/$1.pid" pid
  [[ -f $f ]] || return 0
  pid=$(cat "$f"); kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$1 ($pid) ignored SIGTERM, sending KILL" >&2; kill -KILL "$pid"
  fi
  rm -f "$f"
}
