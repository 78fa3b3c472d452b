#!/bin/sh
# Writes the kit's secrets as files (one value per file) into DIR (default: ./secrets next to this script),
# where compose.yaml reads them as Docker secrets. DIR is mode 700; the files are 644 because compose mounts
# them into the containers as they are and the gateway runs as uid 10001. Existing files are kept, so re-running never
# rotates a key the store was sealed with. The AudioHook client secret must be the one configured in your
# Genesys AudioHook integration: replace the generated one with it.
set -eu
dir=${1:-$(dirname "$0")/secrets}
mkdir -p "$dir"
chmod 700 "$dir"
umask 022
gen() { # name, bytes
  if [ ! -s "$dir/$1" ]; then
    head -c "$2" /dev/urandom | base64 | tr -d '\n' > "$dir/$1"
    echo "wrote $dir/$1"
  fi
}
gen audiohook-client-secret 32
gen admin-token 32          # base64 of 32 bytes: 44 printable characters (admin.token needs >= 32)
gen store-key-k1 32         # AES-256 key of the voiceprint store
gen pseudonym-key 32        # HMAC key for biokey pseudonyms, shared by every instance
gen postgres-password 24
gen grafana-admin-password 18
if [ ! -s "$dir/genesys-client-secret" ]; then
  echo "put your Genesys OAuth client secret into $dir/genesys-client-secret" >&2
fi
