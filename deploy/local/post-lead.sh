#!/usr/bin/env bash
# Posts a lead as a vendor would: signs the body with the vendor's secret and sends it to intake-service.
#   deploy/local/post-lead.sh VENDOR_ID SECRET [BODY_FILE]
# Without BODY_FILE, a sample lead (a callback agreed five minutes ago) is sent. WARMLINE_INTAKE_URL overrides
# the address (default http://127.0.0.1:8081). The signature: base64(HMAC-SHA256(key, "id.timestamp.body")),
# keyed with the base64-decoded part of the secret after "whsec_", sent as "v1,<signature>".
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,6p' "$0" >&2; exit 2; }
VENDOR="$1"; SECRET="$2"; URL="${WARMLINE_INTAKE_URL:-http://127.0.0.1:8081}"
if [[ $# -ge 3 ]]; then
  BODY="$(cat "$3")"
else
  SIGNAL_AT="$(date -u -d '5 minutes ago' +%Y-%m-%dT%H:%M:%SZ)"
  # A fresh phone and email each time: the same person sent by two vendors is linked, not routed twice.
  PHONE="07400 $(printf '%06d' $(( (RANDOM * 32768 + RANDOM) % 1000000 )))"; EMAIL="sam-$RANDOM$RANDOM@example.com"
  BODY="{\"vendorLeadId\":\"L-$(date +%s%N)\",\"name\":\"Sam Taylor\",\"phone\":\"$PHONE\",\"email\":\"$EMAIL\",\"interest\":\"solar panels\",\"notes\":\"South-facing roof, wants a quote before spring\",\"consent\":{\"granted\":true,\"method\":\"verbal, on the qualifying call\"},\"signal\":{\"type\":\"callback_agreed\",\"occurredAt\":\"$SIGNAL_AT\"}}"
fi
MESSAGE_ID="msg_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TIMESTAMP="$(date +%s)"
KEY_HEX="$(printf '%s' "${SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \n')"
SIGNATURE="$(printf '%s' "$MESSAGE_ID.$TIMESTAMP.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | base64 -w0)"
curl -sS -X POST "$URL/vendors/$VENDOR/leads" \
  -H 'Content-Type: application/json' \
  -H "webhook-id: $MESSAGE_ID" -H "webhook-timestamp: $TIMESTAMP" -H "webhook-signature: v1,$SIGNATURE" \
  --data-binary "$BODY" -w '\nHTTP %{http_code}\n'
