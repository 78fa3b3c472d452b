#!/usr/bin/env bash
# The real-speech evaluation: every eval/trials-*.tsv of the real-speech corpus scored by the x-vector engine with
# the committed back end, the training-free baseline, the GMM v3 engine and the x-vector with plain cosine.
# Usage: biometrics-engine/corpus/real/eval-xvector.sh [CORPUS_DIR] [extra XvectorEval options, e.g. --backend FILE]
#   CORPUS_DIR default biometrics-engine/target/real-corpus
# Writes biometrics-engine/target/backend/eval-report.md; x-vectors cached in biometrics-engine/target/xvector-cache/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
mod="$root/biometrics-engine"
corpus="$mod/target/real-corpus"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then corpus="$1"; shift; fi
[ -d "$corpus/eval" ] || { echo "eval-xvector: no $corpus/eval (run make-real-corpus.sh first)" >&2; exit 2; }
cd "$root"
mvn -B -q -pl biometrics-engine -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime >/dev/null
cp="$mod/target/classes:$(cat "$mod/target/cp.txt")"
mkdir -p "$mod/target/backend"
java --add-modules jdk.incubator.vector -cp "$cp" dev.voicegate.biometrics.internal.eval.XvectorEval \
  --corpus "$corpus" --cache "$mod/target/xvector-cache/eval-embeddings.tsv" --out "$mod/target/backend/eval-report.md" "$@"
