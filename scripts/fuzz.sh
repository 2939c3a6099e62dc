#!/usr/bin/env bash
# Fuzz the analysis entry point (text and HTML) with libFuzzer for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS]   (default 30; env FUZZ_SECONDS also works)
# Exits non-zero when the fuzzer finds a crash, a sanitizer error or a hang; the input that
# triggered it is left in .build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${FUZZ_SECONDS:-30}}"
scratch=".build-fuzz"

mkdir -p "$scratch"
swift build --package-path Fuzz --scratch-path "$scratch" -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$scratch/build.log" 2>&1 || {
    cat "$scratch/build.log" >&2
    echo "fuzz.sh: building the fuzzer failed" >&2
    exit 1
}
binary="$(swift build --package-path Fuzz --scratch-path "$scratch" -c debug --show-bin-path)/AnalysisFuzzer"

# Seed corpus: the five seeds as text (first byte 0) and as minimal HTML (first byte 1).
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
i=0
for seed in seeds/*.txt; do
    { printf '\x00'; cat "$seed"; } >"$corpus/text-$i"
    { printf '\x01<html><head><title>t</title></head><body><p>'; sed 's/$/<br>/' "$seed"; printf '</p></body></html>'; } >"$corpus/html-$i"
    i=$((i + 1))
done
mkdir -p "$scratch/artifacts"

# -rss_limit_mb and -timeout turn memory blow-ups and hangs into failures too.
set +e
"$binary" "$corpus" -max_total_time="$seconds" -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/artifacts/" -print_final_stats=1 2>&1 | tail -n 25
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "fuzz.sh: the fuzzer failed (exit $status); see $scratch/artifacts/" >&2
    exit "$status"
fi
echo "fuzz.sh: no crash in ${seconds}s"
