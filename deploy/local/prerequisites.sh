#!/usr/bin/env bash
# Installs what the run or test command needs beyond Java 17, where it is missing (Debian/Ubuntu, as root).
#   deploy/local/prerequisites.sh run|test
# run: what running needs (a JDK, curl, openssl, PostgreSQL's server binaries, Prometheus and Alertmanager for the
# local monitoring; installing those may start their system services, which are stopped again: the stacks run
# their own). test: that, plus kubectl (Debian's kubernetes-client) to render deploy/kubernetes, chromium and
# chromium-driver for the browser tests (deploy/browser), node and npm for notification-service's check of its
# webhook signatures by the Standard Webhooks library; promtool (in the prometheus package) checks the rules.
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
command -v promtool >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
if [[ "$1" == test ]]; then
  command -v kubectl >/dev/null || missing+=(kubernetes-client)
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
for service in prometheus prometheus-alertmanager; do
  if [[ " ${missing[*]} " == *" $service "* ]]; then
    (service "$service" stop || pkill -x "${service:0:15}" || true) >/dev/null 2>&1
  fi
done
