#!/usr/bin/env bash
# JVM memory of the shipped launcher (docs/benchmarks.md, "JVM memory of the shipped launcher").
# Starts the fake Genesys Cloud (FakeGenesysMain, one monitored agent), then the gateway's fat jar with
# docs/config/gated.yaml as shipped plus environment overrides (loopback ports, the fake's URLs, a store
# key so biometrics run, and gating.matchTimeout 30m so that every stream stays paused), and holds 1,000
# and then 5,000 paused AudioHook streams with the load tool (--url, --server-pid).
# Usage, from the repository root: gateway-core/bench/launcher-memory.sh [JVM options for the gateway]
# A benchmark, not a test: about 6 minutes; ports 18443, 18080 and 19090 must be free.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'kill ${GATEWAY:-} ${FAKE:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -B -q -DskipTests package -pl gateway-core -am
mvn -B -q -pl gateway-core,audiohook-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
GC_CP="gateway-core/target/test-classes:$(cat gateway-core/target/test-classpath.txt)"
AH_CP="audiohook-server/target/test-classes:audiohook-server/target/classes:$(cat audiohook-server/target/test-classpath.txt)"

mkfifo "$WORK/fake.in"
sleep infinity > "$WORK/fake.in" &
HOLD=$!
java -cp "$GC_CP" dev.voicegate.core.bench.FakeGenesysMain < "$WORK/fake.in" > "$WORK/fake.out" &
FAKE=$!
for _ in $(seq 1 60); do grep -q apiBaseUrl= "$WORK/fake.out" && break; sleep 1; done
API="$(sed -E 's/apiBaseUrl=([^ ]+).*/\1/' "$WORK/fake.out")"
GROUP="$(sed -E 's/.* group=([^ ]+).*/\1/' "$WORK/fake.out")"

export AUDIOHOOK_API_KEY="SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh"
export AUDIOHOOK_CLIENT_SECRET="TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU="
export GENESYS_CLIENT_ID=fake-client-id GENESYS_CLIENT_SECRET=fake-client-secret
export VOICEGATE_AUDIOHOOK_HOST=127.0.0.1 VOICEGATE_AUDIOHOOK_PORT=18443
export VOICEGATE_ADMIN_HOST=127.0.0.1 VOICEGATE_ADMIN_PORT=19090
export VOICEGATE_AGENT_HOST=127.0.0.1 VOICEGATE_AGENT_PORT=18080
export VOICEGATE_GENESYS_API_BASE_URL="$API" VOICEGATE_GENESYS_LOGIN_BASE_URL="$API" VOICEGATE_GENESYS_GROUPS="$GROUP"
export VOICEGATE_GATING_MATCH_TIMEOUT=30m VOICEGATE_BIOMETRICS_DATA_DIR="$WORK/data"
export VOICEGATE_BIOMETRICS_ENCRYPTION_KEYS="[{\"id\":\"k1\",\"key\":\"$(head -c32 /dev/urandom | base64)\"}]"

java --add-modules jdk.incubator.vector "$@" -jar gateway-core/target/voicegate.jar serve \
    --config docs/config/gated.yaml > "$WORK/gateway.log" 2>&1 &
GATEWAY=$!
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:19090/readyz > /dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:19090/readyz > /dev/null || { echo "gateway did not get ready:"; tail -20 "$WORK/gateway.log"; exit 1; }
echo "gateway pid $GATEWAY, JVM options [$*]; ready: $(grep VmRSS /proc/$GATEWAY/status)"

load() {
  java -cp "$AH_CP" dev.voicegate.audiohook.bench.AudioHookLoad paused \
      --url ws://127.0.0.1:18443/api/v1/audiohook/ws --api-key "$AUDIOHOOK_API_KEY" --secret "$AUDIOHOOK_CLIENT_SECRET" \
      --server-pid "$GATEWAY" --settle 12 --duration 30 "$@"
}
# 40-45 opens/s: below audiohook.maxOpensPerSecondPerOrg (50) so the shipped limits stay as they are
load --sessions 1000 --ramp-rate 40
load --sessions 5000 --ramp-rate 45
echo "gateway at the end: $(grep -E 'VmRSS|VmHWM' /proc/$GATEWAY/status | tr -s ' \n' ' ')"
kill "$HOLD"
