#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when missing and we can;
# in CI a missing browser is an error, never a skipped test.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "Chromium is required in CI and could not be installed." >&2
  exit 1
fi
echo "Chromium is not installed: browser tests will be skipped (install the 'chromium' package)." >&2
