#!/usr/bin/env bash
# Runs Newsmark's coverage-guided fuzzers (cargo-fuzz, libFuzzer).
#
#   scripts/fuzz.sh TARGET|all [SECONDS]     (default: 600 seconds per target)
#
# Targets: stored_document exercise w3c brat doccano label_studio detect_and_import suggest capture.
# Installs cargo-fuzz if it is missing. cargo-fuzz needs nightly compiler flags; on a
# stable toolchain RUSTC_BOOTSTRAP=1 allows them. Each target starts from its committed
# seeds (fuzz/seeds/TARGET), copied into the working corpus fuzz/corpus/TARGET, which
# grows as the fuzzer finds new paths and is not committed. A crash or broken invariant
# stops the run and leaves the input in fuzz/artifacts/TARGET/; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…   (from fuzz/)
# then add it to crates/newsmark-core/tests/fuzz_regressions.rs.
# Extra libFuzzer options can be given in FUZZ_ARGS (e.g. FUZZ_ARGS="-jobs=2 -workers=2").
set -euo pipefail

TARGETS=(stored_document exercise w3c brat doccano label_studio detect_and_import suggest capture)
usage() {
    echo "usage: scripts/fuzz.sh TARGET|all [SECONDS]" >&2
    echo "targets: ${TARGETS[*]}" >&2
    exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
SECONDS_EACH="${2:-600}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || usage
if [ "$1" = all ]; then
    selected=("${TARGETS[@]}")
else
    [[ " ${TARGETS[*]} " == *" $1 "* ]] || usage
    selected=("$1")
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "Installing cargo-fuzz…" >&2
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

for target in "${selected[@]}"; do
    mkdir -p "corpus/$target"
    cp -n "seeds/$target"/* "corpus/$target/" 2>/dev/null || true
    echo "== $target: ${SECONDS_EACH}s" >&2
    # shellcheck disable=SC2086
    cargo fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${FUZZ_ARGS:-}
done
