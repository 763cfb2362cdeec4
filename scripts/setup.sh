#!/usr/bin/env bash
# Installs everything Newsmark needs to build, serve and test, skipping what is already
# installed at the right version. Safe to run again and again.
#
#   Debian packages: chromium, chromium-driver (browser tests), Noto emoji and CJK fonts
#                    (so such text renders in headless screenshots), nodejs and npm if missing
#   Rust:            the wasm32-unknown-unknown target, trunk, wasm-bindgen-cli at exactly
#                    the wasm-bindgen version in Cargo.lock, cargo-fuzz
#   npm (./node_modules): binaryen (wasm-opt 132), playwright-core and axe-core
#   Python (./.venv):     krippendorff (with numpy), to cross-check Krippendorff's alpha
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages.
missing=()
for pkg in chromium chromium-driver fonts-noto-color-emoji fonts-noto-cjk python3-venv; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v python3 >/dev/null || missing+=(python3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# The Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# trunk (0.22 needs a newer rustc than this toolchain).
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "Installing trunk $TRUNK_VERSION (takes several minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml's [tools] wasm_bindgen must be \"$WASM_BINDGEN_VERSION\", the version in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes, once)"
  # Not --locked: its own lockfile pins a crate version the registry no longer serves.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# cargo-fuzz, for the fuzzers' smoke run in the tests (scripts/fuzz.sh).
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  say "Installing cargo-fuzz $CARGO_FUZZ_VERSION (takes a minute or two, once)"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

# npm packages: wasm-opt (Debian's binaryen is too old) and playwright-core.
# Playwright must never download its own browser: the tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
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
