#!/usr/bin/env bash
# Runs the Python tests against a built tinq (this script builds nothing): test_protocol.py (a
# client written from PROTOCOL.md alone) and test_client.py (clients/python/tinq_client.py).
#   tests/python/run.sh            uses $TINQ_BINARY, else .build/debug/tinq
# Needs /usr/bin/python3 with zmq (Debian: apt-get install python3-zmq). Exits non-zero on
# any failure; the last line is "N passed, N failed".
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
export TINQ_BINARY="${TINQ_BINARY:-$root/.build/debug/tinq}"
export TINQ_REPO_ROOT="$root"

if [ ! -x "$TINQ_BINARY" ]; then
    echo "run.sh: no tinq executable at $TINQ_BINARY (build it first, or set TINQ_BINARY)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
if ! "$python" -c 'import zmq' 2>/dev/null; then
    echo "run.sh: $python cannot import zmq (Debian: apt-get install python3-zmq)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
# Both suites, each against its own broker; the last line sums them.
passed=0
failed=0
status=0
for suite in test_protocol.py test_client.py; do
    echo "== $suite"
    out="$("$python" "$here/$suite" "$@" 2>&1)" || status=1
    printf '%s\n' "$out"
    last="$(printf '%s\n' "$out" | tail -n 1)"
    case "$last" in
        *" passed, "*" failed")
            passed=$((passed + ${last%% passed*}))
            rest="${last#* passed, }"
            failed=$((failed + ${rest%% failed*}))
            ;;
        *) failed=$((failed + 1)); status=1 ;;
    esac
done
echo "$passed passed, $failed failed"
exit "$status"
