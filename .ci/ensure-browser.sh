#!/usr/bin/env bash
# The HTML report is tested in a real browser: Debian's chromium, driven by playwright-core.
# Installs it when missing (as root, through apt), so `npm test` works on a fresh machine.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing: install Debian's chromium (apt-get install chromium) for the browser tests" >&2
  exit 1
fi
echo "installing chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
