#!/usr/bin/env bash
# The synthetic-speech detector's leave-one-engine-out evaluation (SpoofEval; docs/engine.md §12).
# Usage: biometrics-engine/corpus/spoof/eval-spoof.sh [REAL_CORPUS [SPOOF_CORPUS [OUT_DIR]]] [--xvector]
#   REAL_CORPUS  default biometrics-engine/target/real-corpus  (corpus/real/make-real-corpus.sh)
#   SPOOF_CORPUS default biometrics-engine/target/spoof-corpus (corpus/spoof/make-spoof-corpus.sh)
#   OUT_DIR      default biometrics-engine/target/spoof-eval   (DET points per feature set and held-out engine)
#   --xvector    also the x-vector feature set and both sets together (about 7 min on 2 cores; without: ~20 s)
# Prints the figures (APCER/BPCER with intervals, per held-out engine) on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
mod="$root/biometrics-engine"
pos=()
opts=()
for a in "$@"; do
  case "$a" in
    --xvector) opts+=("$a") ;;
    --*) echo "eval-spoof: unknown option '$a' (expected: --xvector)" >&2; exit 2 ;;
    *) pos+=("$a") ;;
  esac
done
[ ${#pos[@]} -le 3 ] || { echo "eval-spoof: at most three directories (REAL_CORPUS SPOOF_CORPUS OUT_DIR), got ${#pos[@]}" >&2; exit 2; }
real="$(realpath -m "${pos[0]:-$mod/target/real-corpus}")"
spoof="$(realpath -m "${pos[1]:-$mod/target/spoof-corpus}")"
out="$(realpath -m "${pos[2]:-$mod/target/spoof-eval}")"
[ -f "$real/speakers.tsv" ] || { echo "eval-spoof: no $real/speakers.tsv (run corpus/real/make-real-corpus.sh first)" >&2; exit 2; }
[ -f "$spoof/list.tsv" ] || { echo "eval-spoof: no $spoof/list.tsv (run corpus/spoof/make-spoof-corpus.sh first)" >&2; exit 2; }
cd "$root"
mvn -B -q -pl biometrics-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp-test.txt \
  -Dmdep.includeScope=test >/dev/null
cp="$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/cp-test.txt")"
java --add-modules jdk.incubator.vector -cp "$cp" dev.voicegate.biometrics.spoof.SpoofEval "$real" "$spoof" "$out" 2 \
  ${opts[@]+"${opts[@]}"}
