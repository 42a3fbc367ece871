#!/usr/bin/env bash
# Install Debian's Chromium (and the fonts pages render with) when missing: the browser tests
# drive /usr/lib/chromium/chromium-headless-shell through Playwright.
set -euo pipefail
if [[ -x /usr/lib/chromium/chromium-headless-shell && -x /usr/lib/chromium/chromium ]] \
    && fc-list 2>/dev/null | grep -qi liberation; then
    exit 0
fi
echo "[web] installing chromium chromium-headless-shell fonts-liberation with apt-get" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium chromium-headless-shell fonts-liberation >/dev/null
