#!/usr/bin/env bash
# Installs what the run and test commands need beyond Java 17, where it is missing (Debian/Ubuntu, as root).
# Installing Debian's prometheus package may start a Prometheus server; it is stopped again, only promtool is used.
set -euo pipefail
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v promtool >/dev/null || missing+=(prometheus)   # promtool tests the alert rules
command -v chromium >/dev/null || missing+=(chromium)     # the browser tests (deploy/browser) drive it headless
command -v chromedriver >/dev/null || missing+=(chromium-driver)
((${#missing[@]} == 0)) && exit 0
if ((EUID != 0)); then
  echo "[prerequisites] missing: ${missing[*]}; install them (apt-get install -y ${missing[*]})" >&2
  exit 1
fi
echo "[prerequisites] installing ${missing[*]}"
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ " ${missing[*]} " == *" prometheus "* ]]; then
  (service prometheus stop || pkill -x prometheus || true) >/dev/null 2>&1
fi
