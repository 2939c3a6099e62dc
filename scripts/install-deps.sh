#!/usr/bin/env bash
# Installs the Debian packages tinq needs to build, test and run, and only those missing:
# when everything is there it runs no apt-get at all and takes a fraction of a second.
#   pkg-config        finds libzmq and libxml2 for SwiftPM's system-library targets
#   libzmq3-dev       ZeroMQ (the CZeroMQ target)
#   libxml2-dev       HTML parsing (the CLibXML2 target)
#   libsqlite3-dev    the broker's durable store (GRDB)
#   python3-zmq       the Python client and subscriber in the tests (pyzmq for /usr/bin/python3)
#   systemd           systemd-analyze, which checks the unit files in systemd/
# The Swift toolchain is not a Debian package: this script only checks it is on PATH.
set -euo pipefail

packages=(pkg-config libzmq3-dev libxml2-dev libsqlite3-dev python3-zmq systemd)

say() { printf 'install-deps: %s\n' "$*"; }
fail() { printf 'install-deps: error: %s\n' "$*" >&2; exit 1; }

is_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

command -v dpkg-query >/dev/null 2>&1 ||
    fail "dpkg-query not found: this script installs Debian packages; on another system install by hand: ${packages[*]}"

missing=()
for package in "${packages[@]}"; do
    is_installed "$package" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    say "all ${#packages[@]} Debian packages present (${packages[*]})"
else
    say "missing: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
        say "not root: using sudo"
    else
        fail "not root and sudo is not installed: run as root: apt-get install ${missing[*]}"
    fi
    say "running apt-get update"
    "${as_root[@]}" apt-get update -qq ||
        fail "apt-get update failed (is the Debian mirror reachable?)"
    say "installing ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
        fail "apt-get install ${missing[*]} failed"
    for package in "${missing[@]}"; do
        is_installed "$package" || fail "$package is still not installed after apt-get install"
    done
    say "installed ${missing[*]}"
fi

if command -v swift >/dev/null 2>&1; then
    say "swift: $(swift --version 2>/dev/null | sed -n 1p)"
else
    fail "swift not found on PATH: install a Swift 6 toolchain (tinq needs Swift 6.2 or newer) and add its usr/bin to PATH"
fi
