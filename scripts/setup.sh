#!/usr/bin/env bash
# Installs what Newsmark needs, skipping what is already installed at the right version.
# Safe to run again and again.
#
#   scripts/setup.sh          everything: to build, serve and test (scripts/test.sh runs this)
#   scripts/setup.sh serve    only what building and serving the app needs (scripts/serve.sh)
#
#   Debian packages: build-essential (a C compiler and linker), nodejs and npm if missing;
#                    for the tests also chromium, chromium-driver, Noto emoji and CJK fonts
#                    (so such text renders in headless screenshots) and python3-venv
#   Rust:            the toolchain named in rust-toolchain.toml with the wasm32 target, trunk,
#                    wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock;
#                    for the tests also cargo-fuzz
#   npm (./node_modules): PouchDB (copied into the app, so serving needs it too); for the
#                    tests also binaryen (wasm-opt 132, for release builds), playwright-core,
#                    axe-core, pouchdb-server and the benchmark's peer
#   Python (./.venv, tests only): krippendorff (with numpy), to cross-check Krippendorff's alpha
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-all}" in
  all) FOR_TESTS=1 ;;
  serve) FOR_TESTS= ;;
  *) echo "usage: scripts/setup.sh [serve]" >&2; exit 2 ;;
esac

TRUNK_VERSION=0.21.14
NODE_MIN=20.10
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    fail "installing Debian packages needs root: run this script as root, or install sudo"
  fi
}

# Debian packages.
packages=(build-essential)
[ -n "$FOR_TESTS" ] && packages+=(chromium chromium-driver fonts-noto-color-emoji fonts-noto-cjk python3-venv)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ -n "$FOR_TESTS" ] && ! command -v python3 >/dev/null && missing+=(python3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# Node.js: the build hook and the tests need 20.10 or later (the tests run with
# `node --test --test-concurrency=1 FILES`, a flag Node 20.10 added).
node_version=$(node -p 'process.versions.node')
if ! node -e "const [a, b] = process.versions.node.split('.').map(Number); const [x, y] = '$NODE_MIN'.split('.').map(Number); process.exit(a > x || (a === x && b >= y) ? 0 : 1)"; then
  fail "Node.js $NODE_MIN or later is needed; this machine has $node_version. Install a newer Node.js (for example from NodeSource) and run this again."
fi

# The Rust toolchain named in rust-toolchain.toml, with the wasm32 target. Where rustup
# cannot download it (only package registries are reachable on some machines) but the
# installed stable toolchain is that very version, rustup is told to use it by that name.
RUST_VERSION=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
[ -n "$RUST_VERSION" ] || fail "could not read the channel from rust-toolchain.toml"
if ! rustup run "$RUST_VERSION" rustc --version >/dev/null 2>&1; then
  say "Installing Rust $RUST_VERSION"
  if ! rustup toolchain install "$RUST_VERSION" --profile minimal -c rustfmt,clippy -t wasm32-unknown-unknown; then
    host=$(rustc +stable -vV | sed -n 's/^host: //p')
    toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
    if rustc +stable --version | grep -q "^rustc $RUST_VERSION "; then
      ln -sfn "$toolchains/stable-$host" "$toolchains/$RUST_VERSION-$host"
    else
      fail "Rust $RUST_VERSION could not be installed, and the installed stable Rust is another version"
    fi
  fi
fi
if ! rustup +"$RUST_VERSION" target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup +"$RUST_VERSION" target add wasm32-unknown-unknown
fi

# trunk (0.22 needs a newer rustc than this toolchain).
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "Installing trunk $TRUNK_VERSION (takes several minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || fail "could not read the wasm-bindgen version from Cargo.lock"
grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml \
  || fail "Trunk.toml's [tools] wasm_bindgen must be \"$WASM_BINDGEN_VERSION\", the version in Cargo.lock"
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes, once)"
  # Not --locked: its own lockfile pins a crate version the registry no longer serves.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# PouchDB, the class sync client, is copied into every build (index.html): serving needs
# it too. Installing the npm packages once is enough for that.
if [ -z "$FOR_TESTS" ] && [ ! -f node_modules/pouchdb/dist/pouchdb.min.js ]; then
  say "Installing npm packages (PouchDB is copied into the app)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

[ -n "$FOR_TESTS" ] || exit 0

# cargo-fuzz, for the fuzzers' smoke run in the tests (scripts/fuzz.sh).
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  say "Installing cargo-fuzz $CARGO_FUZZ_VERSION (takes a minute or two, once)"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

# npm packages: wasm-opt (Debian's binaryen is too old), playwright-core, axe-core,
# the benchmark's peer, PouchDB (the app's class sync client) and pouchdb-server (a
# CouchDB-compatible class server the tests start in memory). Playwright must never
# download its own browser: the tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
  || [ ! -d node_modules/pouchdb-server ] || [ ! -f node_modules/pouchdb/dist/pouchdb.min.js ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund
fi

# A Python virtualenv with the krippendorff package, against which the core's
# Krippendorff's alpha is checked (crates/newsmark-core/tests/agreement.rs).
KRIPPENDORFF_VERSION=0.8.1
if ! .venv/bin/python -c "import krippendorff, importlib.metadata as m; assert m.version('krippendorff') == '$KRIPPENDORFF_VERSION'" 2>/dev/null; then
  say "Installing krippendorff $KRIPPENDORFF_VERSION into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "krippendorff==$KRIPPENDORFF_VERSION"
fi
