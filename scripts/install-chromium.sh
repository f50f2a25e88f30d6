#!/usr/bin/env bash
# Installs Debian's Chromium for the report's browser test (tests/runner/report/report-browser.test.ts).
# Playwright's own browser download cannot work here (no network but the Debian and npm registries),
# so the test drives this system Chromium through playwright-core. Idempotent: a present
# /usr/bin/chromium means there is nothing to do. Any failure stops the script with a non-zero status.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install Chromium so that $CHROMIUM exists, then rerun the tests" >&2
  exit 1
fi

# apt-get needs root; use sudo when we are not root and it is there.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-chromium: must run as root (or with sudo available) to apt-get install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get finished but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-chromium: installed $("$CHROMIUM" --version)"
