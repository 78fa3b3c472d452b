#!/usr/bin/env bash
# Makes the VoiceGate speaker corpus from Debian-packaged synthetic voices (see make_corpus.py).
# Needs: apt-get install -y espeak-ng sox flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
# Usage: biometrics-engine/corpus/make-corpus.sh [OUT_DIR]   (default: biometrics-engine/target/corpus)
# Deterministic for a given package set (fixed seeds); takes a few minutes on one core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../target/corpus}"
for tool in espeak-ng sox flite text2wave python3; do
  command -v "$tool" >/dev/null || { echo "make-corpus: missing tool '$tool' (apt-get install espeak-ng sox flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)" >&2; exit 2; }
done
exec python3 "$here/make_corpus.py" "$out"
