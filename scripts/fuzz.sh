#!/usr/bin/env bash
# Fuzz, with libFuzzer and AddressSanitizer, for a bounded time each:
#   AnalysisFuzzer  the analysis entry point (plain text and HTML)
#   ProtocolFuzzer  every wire decoder (client requests, worker messages, replies, commands,
#                   published and replayed results, the JSON frames) and the UTF-8 check
# Usage: scripts/fuzz.sh [SECONDS]   (analysis seconds, default 30; env FUZZ_SECONDS also works;
#        the protocol fuzzer gets half as long)
# Exits non-zero when a fuzzer finds a crash, a sanitizer error or a hang; the input that
# triggered it is left in .build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${FUZZ_SECONDS:-30}}"
scratch=".build-fuzz"

mkdir -p "$scratch"
swift build --package-path Fuzz --scratch-path "$scratch" -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$scratch/build.log" 2>&1 || {
    cat "$scratch/build.log" >&2
    echo "fuzz.sh: building the fuzzers failed" >&2
    exit 1
}
bin="$(swift build --package-path Fuzz --scratch-path "$scratch" -c debug --show-bin-path)"

scratchdirs=()
trap 'rm -rf "${scratchdirs[@]}"' EXIT
mkdir -p "$scratch/artifacts"

# run NAME SECONDS CORPUS: -rss_limit_mb and -timeout turn memory blow-ups and hangs into failures.
run() {
    local name="$1" time="$2" corpus="$3" status
    echo "== $name, ${time}s"
    set +e
    "$bin/$name" "$corpus" -max_total_time="$time" -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$scratch/artifacts/$name-" -print_final_stats=1 2>&1 | tail -n 12
    status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        echo "fuzz.sh: $name failed (exit $status); see $scratch/artifacts/" >&2
        exit "$status"
    fi
}

# Analysis seeds: the five seeds as text (first byte 0) and as minimal HTML (first byte 1).
analysis="$(mktemp -d)"; scratchdirs+=("$analysis")
i=0
for seed in seeds/*.txt; do
    { printf '\x00'; cat "$seed"; } >"$analysis/text-$i"
    { printf '\x01<html><head><title>t</title></head><body><p>'; sed 's/$/<br>/' "$seed"; printf '</p></body></html>'; } >"$analysis/html-$i"
    i=$((i + 1))
done

# Protocol seeds: one valid message per decoder (first byte picks it, 0xFF separates frames;
# see Fuzz/Sources/ProtocolFuzzer), as PROTOCOL.md lays them out.
protocol="$(mktemp -d)"; scratchdirs+=("$protocol")
printf '\x00\xfftinq/1\xffSUBMIT\xffr-1\xff{"id":"a1","url":"https://example.org/a?utm_source=x"}\xffB\xc3\xa0i vi\xe1\xba\xbft' >"$protocol/submit"
printf '\x00\xfftinq/1\xffREPLAY\xffr-2\xff{"from_seq":3,"limit":10,"labels":["award"]}' >"$protocol/replay"
printf '\x00\xfftinq/1\xffDLQ\xffr-3\xff{"action":"show","job_id":"7"}' >"$protocol/dlq"
printf '\x00\xfftinq/1\xffSTATUS\xffr-4' >"$protocol/status"
printf '\x01tinq/1\xffREADY\xff{"name":"w1","pid":42,"credit":64}' >"$protocol/ready"
printf '\x01tinq/1\xffRESULT\xff12\xff1\xffdan_van,award\xff{"id":"a1"}' >"$protocol/result"
printf '\x01tinq/1\xffFAIL\xff12\xff2\xff{"code":"analysis_failed","message":"m","retryable":true}' >"$protocol/fail"
printf '\x02\xfftinq/1\xffACCEPTED\xffr-1\xff{"job_id":"12"}' >"$protocol/reply"
printf '\x03tinq/1\xffJOB\xff12\xff1\xff{"id":"a1"}\xffbody' >"$protocol/job"
printf '\x04label.award.\xfftinq/1\xff9\xff4\xff12\xffaward\xff{"id":"a1"}' >"$protocol/published"
printf '\x05\xff9\xff12\xffaward\xff{"id":"a1"}' >"$protocol/replayed"
printf '\x06{"id":"a1","source":"s","fetched_at":"2024-07-31T08:00:00Z","content_type":"text/html","force":true}' >"$protocol/json"
printf '\x07Vi\xe1\xbb\x87t Nam \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf' >"$protocol/utf8"

run AnalysisFuzzer "$seconds" "$analysis"
run ProtocolFuzzer "$(( (seconds + 1) / 2 ))" "$protocol"
echo "fuzz.sh: no crash in ${seconds}s of analysis and $(( (seconds + 1) / 2 ))s of protocol fuzzing"
