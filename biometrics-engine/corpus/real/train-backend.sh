#!/usr/bin/env bash
# Trains the x-vector back end (LDA+WCCN+cosine or PLDA, chosen by cross-validation by actor group, calibrated and
# with thresholds from the out-of-fold DET) from the TRAIN split of the real-speech corpus.
# Usage (from anywhere):
#   biometrics-engine/corpus/real/train-backend.sh [CORPUS_DIR] [--install] [extra TrainBackend options]
#   CORPUS_DIR default biometrics-engine/target/real-corpus (make it with make-real-corpus.sh)
# Writes biometrics-engine/target/backend/{backend.vgxb,backend.thresholds,cv-report.md}; x-vectors of the train
# files are cached in biometrics-engine/target/xvector-cache/. With --install the file replaces the committed
# resource (src/main/resources/dev/voicegate/biometrics/xvector/backend.vgxb and backend.thresholds).
# Deterministic: the same corpus gives the same file byte for byte.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
mod="$root/biometrics-engine"
corpus="$mod/target/real-corpus"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then corpus="$1"; shift; fi
install=0
if [ "${1:-}" = "--install" ]; then install=1; shift; fi
[ -f "$corpus/train/list.tsv" ] || { echo "train-backend: no $corpus/train/list.tsv (run make-real-corpus.sh first)" >&2; exit 2; }
cd "$root"
mvn -B -q -pl biometrics-engine -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime >/dev/null
cp="$mod/target/classes:$(cat "$mod/target/cp.txt")"
out="$mod/target/backend"
mkdir -p "$out"
java --add-modules jdk.incubator.vector -cp "$cp" dev.voicegate.biometrics.xvector.backend.TrainBackend \
  --corpus "$corpus" --out "$out/backend.vgxb" --thresholds "$out/backend.thresholds" --report "$out/cv-report.md" \
  --cache "$mod/target/xvector-cache/train-embeddings.tsv" "$@"
sha256sum "$out/backend.vgxb"
if [ "$install" = 1 ]; then
  res="$mod/src/main/resources/dev/voicegate/biometrics/xvector"
  cp "$out/backend.vgxb" "$out/backend.thresholds" "$res/"
  echo "installed $out/backend.vgxb as the committed back end (update its SHA-256 in $res/PROVENANCE.md)"
fi
