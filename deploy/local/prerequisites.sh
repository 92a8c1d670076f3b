#!/usr/bin/env bash
# Installs what the run or test command needs beyond Java 17, where it is missing (Debian/Ubuntu, as root).
#   deploy/local/prerequisites.sh run|test
# run: what running needs (a JDK, curl, openssl, PostgreSQL's server binaries, Prometheus and Alertmanager for the
# local monitoring; installing those may start their system services, which are stopped again: the stacks run
# their own). test: that, plus kubectl (Debian's kubernetes-client) to render deploy/kubernetes, chromium and
# chromium-driver for the browser tests (deploy/browser), node and npm for notification-service's check of its
# webhook signatures by the Standard Webhooks library; promtool (in the prometheus package) checks the rules; a Docker
# engine (Debian's docker.io, started when it is not running) for the module tests' containers, debootstrap to
# build their images where no registry answers (deploy/images/build.sh), and docker-compose for the compose smoke
# test (deploy/compose/smoke.sh).
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
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  # deploy/compose/smoke.sh: the compose plugin where installed, else Debian's docker-compose (1.29).
  docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || missing+=(docker-compose)
fi

# docker_engine: the Docker engine answers, started here when it is installed but not running (as root).
docker_engine() {
  docker info >/dev/null 2>&1 && return 0
  ((EUID == 0)) || { echo "[prerequisites] the Docker engine is not running; start it (dockerd)" >&2; return 1; }
  echo "[prerequisites] starting the Docker engine"
  (systemctl start docker || service docker start) >/dev/null 2>&1 || true
  docker info >/dev/null 2>&1 || (setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &)
  local i
  for ((i = 0; i < 150; i++)); do docker info >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "[prerequisites] the Docker engine did not start, see /var/log/dockerd.log" >&2
  return 1
}

if ((${#missing[@]} == 0)); then
  [[ "$1" != test ]] || docker_engine
  exit
fi
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
[[ "$1" != test ]] || docker_engine
