#!/usr/bin/env bash
# Makes sure headless Chromium is at /usr/bin/chromium (the Zipkin UI test and screenshot.sh run
# it): installs Debian's chromium package when it is missing.
set -euo pipefail

if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing chromium..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium
fi
echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null)"
