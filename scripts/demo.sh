#!/usr/bin/env bash
# make demo: start a broker and two workers on the embedded defaults, push the five seed
# articles, print each result as a subscriber receives it, stop everything, exit 0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${TINQ_BINARY:-$(swift build -c release --show-bin-path)/tinq}"
[ -x "$bin" ] || { echo "demo: $bin is not built (run make release)" >&2; exit 1; }
work="$(mktemp -d /tmp/tinq-demo.XXXXXX)"
serve_pid=""
sub_pid=""
cleanup() {
    [ -n "$sub_pid" ] && kill "$sub_pid" 2>/dev/null || true
    if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
dirs=(--runtime-dir "$work/run" --data-dir "$work/data")

echo "== tinq serve --workers 2 (broker + two worker processes; log in $work/serve.log)"
"$bin" serve --workers 2 "${dirs[@]}" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
    "$bin" status "${dirs[@]}" --timeout 0.2 >/dev/null 2>&1 && break
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log"; echo "demo: the broker did not start" >&2; exit 1; }
    sleep 0.1
done
"$bin" status "${dirs[@]}"

echo
echo "== tinq subscribe (prints each result as it arrives)"
"$bin" subscribe "${dirs[@]}" --from-seq 1 --count 5 --idle-timeout 30 --format brief >"$work/results.txt" &
sub_pid=$!

echo "== tinq push seeds/"
"$bin" push "${dirs[@]}" seeds/

for _ in $(seq 1 300); do kill -0 "$sub_pid" 2>/dev/null || break; sleep 0.1; done
wait "$sub_pid" || true
sub_pid=""
echo
echo "== results received by the subscriber"
cat "$work/results.txt"
count=$(wc -l <"$work/results.txt")
echo
echo "== one full result (JSON, as subscribers and tinq classify give it)"
"$bin" subscribe "${dirs[@]}" --from-seq 1 --count 1 --idle-timeout 10 | cut -c1-1500; echo " ..."
echo
"$bin" status "${dirs[@]}"
echo
echo "== stopping (SIGTERM: workers finish their job, the broker drains)"
kill -TERM "$serve_pid"
wait "$serve_pid"
serve_pid=""
if [ "$count" -ne 5 ]; then echo "demo: expected 5 results, got $count" >&2; exit 1; fi
echo "demo: 5 articles pushed, 5 results received; everything stopped."
