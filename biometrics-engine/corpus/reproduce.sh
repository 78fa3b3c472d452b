#!/usr/bin/env bash
# Reproduces the engine's figures in docs/engine.md: corpus → training → evaluation per condition.
# Usage (from the repository root):
#   biometrics-engine/corpus/reproduce.sh [--install-model]
# Makes biometrics-engine/target/corpus (if missing), trains biometrics-engine/target/eval/model.bin.gz
# from the background speakers only, evaluates every trial list with it and writes
# target/eval/<condition>.json and target/eval/det-<condition>.png. With --install-model the trained
# model also replaces the committed resource (src/main/resources/.../vg-gmmsv.bin.gz).
# Takes about 5 minutes on 2 cores from scratch (corpus ~1m40s; training with its 3 calibration folds + evaluation ~3m20s).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mod="$root/biometrics-engine"
cd "$root"
# A corpus of another version (an older script) is made again, so figures always come from this script's corpus.
[ "$(cat "$mod/target/corpus/VERSION" 2>/dev/null)" = "$(sed -n 's/^CORPUS_VERSION = "\(.*\)".*/\1/p' "$mod/corpus/make_corpus.py")" ] \
  || "$mod/corpus/make-corpus.sh" "$mod/target/corpus"
mvn -B -q -pl biometrics-engine compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="$mod/target/classes:$(cat "$mod/target/cp.txt")"
out="$mod/target/eval"
mkdir -p "$out"
java -cp "$cp" dev.voicegate.biometrics.cli.TrainCommand --corpus "$mod/target/corpus" --out "$out/model.bin.gz"
for c in clean mulaw telephone short-6s short-3s; do
  java -cp "$cp" dev.voicegate.biometrics.cli.EvalCommand "$mod/target/corpus/trials-$c.tsv" --model "$out/model.bin.gz" \
      --det "$out/det-$c.png" --json | tee "$out/$c.json"
done
if [ "${1:-}" = "--install-model" ]; then
  cp "$out/model.bin.gz" "$mod/src/main/resources/dev/voicegate/biometrics/model/vg-gmmsv.bin.gz"
  echo "installed $out/model.bin.gz as the committed model"
fi
