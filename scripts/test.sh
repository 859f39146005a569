#!/usr/bin/env bash
# The whole test suite, as README.md gives it: installs what the tests need (Debian/Ubuntu),
# starts a private Secret Service (gnome-keyring on its own D-Bus session), then runs
# rustfmt, clippy and every test against these real parts.
#
#   bash scripts/test.sh                            # everything
#   bash scripts/test.sh --test loopback lifecycle  # extra arguments go to `cargo test`
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use for real: poppler (pdfinfo, pdftoppm), zbar (barcode reading),
# gnome-keyring + dbus + libsecret-tools (Secret Service), Xvfb + ImageMagick + x11-utils (the real
# window's screenshot), xdotool (typing into the real window at scanner speed), Mesa (software
# OpenGL for it).
# cups-ipp-utils: ippeveprinter, a real IPP Everywhere 4x6 label printer for the print tests.
# cups + cups-client + cups-filters: a private cupsd (started by the tests on their own port, never
# the system's), its lpadmin, the Zebra ZPL driver (rastertolabel) and the PDF filters (ghostscript).
packages=(poppler-utils zbar-tools gnome-keyring dbus libsecret-tools xvfb xauth imagemagick x11-utils xdotool
    libgl1 libgl1-mesa-dri libegl1 libegl-mesa0 libxkbcommon-x11-0 cups-ipp-utils
    cups cups-client cups-filters)

install_packages() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "== installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ -z "${SHIPDESK_TEST_SESSION:-}" ]; then
    command -v apt-get >/dev/null && install_packages
    # Re-enter this script inside a private D-Bus session so the keyring dies with it.
    export SHIPDESK_TEST_SESSION=1
    exec dbus-run-session -- bash "$0" "$@"
fi

# Inside the private session: a fresh, unlocked login keyring in a scratch folder.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'shipdesk-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
for _ in $(seq 1 100); do
    printf ready | secret-tool store --label=shipdesk-probe shipdesk probe 2>/dev/null && break
    sleep 0.05
done
secret-tool clear shipdesk probe 2>/dev/null || true

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings
echo "== the real window under Xvfb"
cargo build --quiet
bash scripts/window-check.sh "${CARGO_TARGET_DIR:-target}/debug/shipdesk"
echo "== cargo test"
cargo test "$@"
