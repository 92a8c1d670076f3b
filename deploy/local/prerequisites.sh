#!/usr/bin/env bash
# Installs what the run or test command needs beyond Java 17, where it is missing (Debian/Ubuntu, as root).
#   deploy/local/prerequisites.sh run|test
# run: what running needs (a JDK, curl, openssl, PostgreSQL's server binaries). test: that, plus the test command's
# tools: promtool (Debian's prometheus package; installing it may start a Prometheus server, which is stopped
# again) for the alert rules' tests, chromium and chromium-driver for the browser tests (deploy/browser), node and npm
# for notification-service's check of its webhook signatures by the Standard Webhooks library.
set -euo pipefail
case "${1:-}" in
  run | test) ;;
  *) echo "usage: deploy/local/prerequisites.sh run|test" >&2; exit 2 ;;
esac
missing=()
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [[ "$1" == test ]]; then
  command -v promtool >/dev/null || missing+=(prometheus)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v npm >/dev/null || missing+=(nodejs npm)
fi
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
