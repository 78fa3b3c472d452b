#!/usr/bin/env bash
# Makes the VoiceGate spoof corpus (synthetic speech of three TTS engines through the real corpus's telephone
# conditions; see make_spoof_corpus.py). Usage: biometrics-engine/corpus/spoof/make-spoof-corpus.sh [OUT_DIR]
#   OUT_DIR default biometrics-engine/target/spoof-corpus (made anew)
# Needs (Debian): espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox
# libsox-fmt-base python3-numpy. Deterministic: two runs give bit-identical files. About 10 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mod="$(cd "$here/../.." && pwd)"
out="${1:-$mod/target/spoof-corpus}"
for tool in espeak-ng flite text2wave sox python3; do
  command -v "$tool" >/dev/null || { echo "make-spoof-corpus: missing tool '$tool'" >&2; exit 2; }
done
python3 -c 'import numpy' 2>/dev/null || { echo "make-spoof-corpus: python3 needs numpy (apt-get install python3-numpy)" >&2; exit 2; }
for v in kal_diphone ked_diphone cmu_us_slt_arctic_hts; do
  ls -d /usr/share/festival/voices/*/"$v" >/dev/null 2>&1 \
    || { echo "make-spoof-corpus: festival voice '$v' missing (apt-get install festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)" >&2; exit 2; }
done
python3 "$here/make_spoof_corpus.py" "$out"
