#!/usr/bin/env bash
# Issues a bearer token (JWT, RS256) for the local stack, as an identity provider would in production.
#   deploy/local/token.sh rep|team-lead|operator SUBJECT [TEAM] [HOURS]
# SUBJECT is the rep id (or the operator's id); TEAM the rep's or team lead's team. WARMLINE_STACK picks the
# stack whose key signs it (default local; the key is made by deploy/local/services.sh up).
# Example:  TOKEN=$(deploy/local/token.sh rep alex)  then  curl -H "Authorization: Bearer $TOKEN" ...
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,7p' "$0" >&2; exit 2; }
ROLE="$1"; SUBJECT="$2"; TEAM="${3:-}"; HOURS="${4:-12}"
case "$ROLE" in rep|team-lead|operator) ;; *) echo "role must be rep, team-lead or operator" >&2; exit 2 ;; esac
# The claims are written as JSON text below: ids are held to a plain alphabet, so none can close a string and add
# claims of its own (a quote in an id would otherwise grant any role).
ID='^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'
[[ "$SUBJECT" =~ $ID ]] || { echo "SUBJECT must match $ID" >&2; exit 2; }
[[ -z "$TEAM" || "$TEAM" =~ $ID ]] || { echo "TEAM must match $ID" >&2; exit 2; }
[[ "$HOURS" =~ ^[0-9]{1,4}$ ]] || { echo "HOURS must be a whole number" >&2; exit 2; }
KEY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/var/${WARMLINE_STACK:-local}/jwt/private.pem"
[[ -f "$KEY" ]] || { echo "no signing key at $KEY: start the stack first (deploy/run.sh)" >&2; exit 1; }
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
NOW="$(date +%s)"
CLAIMS="{\"iss\":\"warmline\",\"sub\":\"$SUBJECT\",\"upn\":\"$SUBJECT\",\"groups\":[\"$ROLE\"],\"iat\":$NOW,\"exp\":$((NOW + HOURS * 3600))"
[[ -n "$TEAM" ]] && CLAIMS="$CLAIMS,\"team\":\"$TEAM\""
CLAIMS="$CLAIMS}"
SIGNING_INPUT="$(printf '%s' '{"alg":"RS256","typ":"JWT"}' | b64url).$(printf '%s' "$CLAIMS" | b64url)"
SIGNATURE="$(printf '%s' "$SIGNING_INPUT" | openssl dgst -sha256 -sign "$KEY" -binary | b64url)"
echo "$SIGNING_INPUT.$SIGNATURE"
