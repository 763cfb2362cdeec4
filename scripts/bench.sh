#!/usr/bin/env bash
# Newsmark's browser benchmark, in one command: sets up what is missing
# (scripts/setup.sh), builds the release app with Trunk and the `newsmark` command,
# generates a long document with `newsmark synthesize`, and measures the app against a
# peer (@recogito/text-annotator) and a floor (static HTML) in headless Chromium.
# It prints a table of medians with the issue's targets and writes all the samples to
# bench/results/latest.json. What each figure means: BENCHMARKS.md.
#
#   bash scripts/bench.sh                      100,000 words, 5,000 annotations, 5 runs
#   bash scripts/bench.sh --quick              2,000 words, 100 annotations, 1 run (CI)
#   bash scripts/bench.sh --words 20000 --annotations 1000 --runs 3
#   bash scripts/bench.sh --no-build ...       measure the current dist/ without building
#
# Every other option goes to bench/run.mjs (node bench/run.mjs --help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

build=1
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ "$build" = 1 ]; then
  bash scripts/setup.sh
  # setup.sh runs npm ci when the lockfile changed; the benchmark's peer must be there.
  if [ ! -d node_modules/@recogito/text-annotator ]; then
    say "Installing npm packages (the benchmark's peer, @recogito/text-annotator)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
  say "Release build of the app (trunk, offline)"
  trunk build --release --locked
  say "Building the newsmark command"
  cargo build --locked -q -p newsmark-cli
fi

say "Benchmark (headless Chromium)"
NEWSMARK_CLI="${NEWSMARK_CLI:-${CARGO_TARGET_DIR:-$PWD/target}/debug/newsmark}" node bench/run.mjs ${args[@]+"${args[@]}"}
