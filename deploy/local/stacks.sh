# shellcheck shell=bash
# The one table of Warmline's stacks and their ports, sourced by infra.sh, services.sh, test.sh, run.sh and
# bench/run.sh, faults/run.sh (and read by intake-service's OutageBroker). A stack is one Kafka (KRaft) + one PostgreSQL under
# deploy/local/var/<stack>/, and optionally the four services on base+1..base+4 (intake, scoring, routing,
# notification); a second replica of each (services.sh, WARMLINE_REPLICAS / WARMLINE_REPLICA) on base+21..base+24,
# replica r on base + 20 * (r - 1) + 1..4 (no port of the table lies in base+21..base+84
# of any stack, so replicas 2 to 4 meet no other port).
#
# Every port is below 32768, outside Linux's ephemeral port range (32768-60999, see
# /proc/sys/net/ipv4/ip_local_port_range): a port inside it can be handed to any outgoing connection as its local
# port, and a Kafka client that keeps reconnecting to a broker that is not up yet can even connect to itself on
# that port (TCP self-connect), so the broker's bind then fails. That is what broke intake-service's
# KafkaOutageTest on the old outage stack (39192); see issue 12.
WARMLINE_STACKS_TABLE='
# stack            kafka  controller  postgres  services-base   what it is for
local              19092  19093       15432     8080            # deploy/run.sh
test               29092  29093       25432     18080           # deploy/test.sh: cross-service (e2e, browser)
test-platform      26092  26093       26432     26080           # deploy/test.sh: platform module tests
test-intake        26192  26193       26532     26180           # deploy/test.sh: intake-service tests
test-scoring       26292  26293       26632     26280           # deploy/test.sh: scoring-service tests
test-routing       26392  26393       26732     26380           # deploy/test.sh: routing-service tests
test-notification  26492  26493       26832     26480           # deploy/test.sh: notification-service tests
outage             29192  29193       25532     28180           # intake-service KafkaOutageTest starts/stops it
bench              29392  29393       25732     28080           # deploy/bench/run.sh
faults             27092  27093       27432     27080           # deploy/faults/run.sh
compose            29592  29593       25932     28580           # deploy/compose/smoke.sh: only the services ports are published
dev1               21092  21093       21432     21080           # dev1-dev4: side stacks, several engineers at once
dev2               22092  22093       22432     22080
dev3               23092  23093       23432     23080
dev4               24092  24093       24432     24080
'

# The names of all stacks, space separated (for messages).
stack_names() { sed -e 's/#.*//' <<<"$WARMLINE_STACKS_TABLE" | awk 'NF >= 5 { printf "%s%s", (n++ ? " " : ""), $1 }'; }

# stack_select NAME: sets KPORT, CPORT, PGPORT and BASE_PORT for stack NAME; returns 1 for an unknown stack.
stack_select() {
  local row
  row="$(sed -e 's/#.*//' <<<"$WARMLINE_STACKS_TABLE" | awk -v s="$1" 'NF >= 5 && $1 == s { print $2, $3, $4, $5 }')"
  [[ -n "$row" ]] || return 1
  read -r KPORT CPORT PGPORT BASE_PORT <<<"$row"
  # shellcheck disable=SC2034   # used by the scripts that source this file
  export KPORT CPORT PGPORT BASE_PORT
}

# stack_clients NAME: what a tool driving stack NAME's running services reads (deploy/bench, deploy/faults,
# deploy/local/aot-cache.sh): the stack's env file (deploy/local/var/NAME/env, written by infra.sh up) sourced, and
# the broker, the four services' URLs, the token key and the database URL exported. Run from the project's root.
stack_clients() {
  stack_select "$1" || return 1
  # shellcheck disable=SC1090
  source "deploy/local/var/$1/env"
  export KAFKA_BOOTSTRAP_SERVERS
  export WARMLINE_INTAKE_URL="http://127.0.0.1:$((BASE_PORT + 1))" WARMLINE_SCORING_URL="http://127.0.0.1:$((BASE_PORT + 2))" \
    WARMLINE_ROUTING_URL="http://127.0.0.1:$((BASE_PORT + 3))" WARMLINE_NOTIFICATION_URL="http://127.0.0.1:$((BASE_PORT + 4))" \
    WARMLINE_JWT_PRIVATE_KEY="$PWD/deploy/local/var/$1/jwt/private.pem" \
    WARMLINE_PG_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
}
