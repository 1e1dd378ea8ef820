#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already present:
#   - the wasm32-unknown-unknown rustup target
#   - nightly's rust-src (size-optimized release wasm builds; optional)
#   - wasm-bindgen-cli at exactly the version Cargo.lock pins for the wasm-bindgen crate
#   - Debian's chromium + chromium-driver (browser tests; never a downloaded browser)
#   - the JS dev tools of js/package-lock.json and of the ecosystem matrix's js/eco/package-lock.json
#     (npm ci, one npm cache), each when its lockfile changed
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Release wasm builds use nightly + rust-src (-Zbuild-std, panic = immediate-abort; see js/scripts/build.mjs):
# about 13 KB gzipped smaller. Best effort: without it the build falls back to stable.
nightly_src() { [ -f "$(rustc +nightly --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/std/Cargo.toml" ]; }
if ! nightly_src; then
  if rustup run nightly rustc --version >/dev/null 2>&1; then
    say "adding rust-src to the nightly toolchain"
    rustup component add rust-src --toolchain nightly || say "warning: could not add rust-src (release wasm builds fall back to stable)"
  else
    say "installing the nightly toolchain (minimal profile, rust-src)"
    rustup toolchain install nightly --profile minimal --component rust-src \
      || say "warning: could not install nightly (release wasm builds fall back to stable)"
  fi
fi

want=$(cargo pkgid -p wasm-bindgen 2>/dev/null | sed -E 's/.*[#@]([0-9][^ ]*)$/\1/')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$want" ]; then
  cargo generate-lockfile >/dev/null 2>&1 || true
  want=$(cargo pkgid -p wasm-bindgen | sed -E 's/.*[#@]([0-9][^ ]*)$/\1/')
fi
if [ "$have" != "$want" ]; then
  # `--locked` fails on this registry (wasm-bindgen-cli's lockfile wants a webpki-roots version the
  # registry lacks); without it the install works (~2 min on 2 cores).
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing Debian chromium + chromium-driver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends chromium chromium-driver \
    || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends chromium chromium-driver; }
fi

for dir in js js/eco; do
  lock_hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  stamp=$dir/node_modules/.oms-lock-sha256
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
    say "npm ci ($dir/)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$stamp"
  fi
done
