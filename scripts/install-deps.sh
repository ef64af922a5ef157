#!/usr/bin/env bash
# Installs everything the build, the tests and the benchmarks need on Debian 12 (run as root).
# Idempotent: apt-get skips what is already there.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev            # libFuzzer targets and sanitizer runtimes
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libyaml-cpp-dev libical-dev libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev libbenchmark-dev
  libfmt-dev libhowardhinnant-date-dev libcli11-dev
  libzip-dev libpugixml-dev           # .docx import
  python3                             # end-to-end test drivers
  python3-icalendar nodejs npm        # tests/e2e/ics.py: .ics read by python-icalendar and ical.js (npm)
  libcurl4-openssl-dev                # notifiers/mail: SMTP (STARTTLS, smtps, AUTH) through libcurl
  python3-aiosmtpd openssl            # tests/e2e/notify*.py: a real SMTP server on loopback, its TLS certificate
  python3-yaml                        # tests/e2e/web_api.py: the OpenAPI document read and its references checked
  chromium fonts-dejavu-core          # tests/e2e/web_browser.py: the pages in a real browser (playwright-core from
                                      # npm drives Debian's build; it cannot download its own), Cyrillic glyphs
                                      # for its screenshots
)
if [ "${1:-}" = "--bench" ]; then
  PKGS+=(python3-dateparser nodejs npm)   # python3-yaml (above): bench/region/make_region.py
  PKGS+=(wrk radicale)                    # bench/web/run.sh: load on loopback, and Radicale serving the same calendar
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && continue
  # Node.js from elsewhere (NodeSource ships npm inside its nodejs package): Debian's npm would
  # conflict with it, and the commands are what the tests need.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
