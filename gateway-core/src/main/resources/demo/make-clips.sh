#!/usr/bin/env bash
# Makes the speech clips of `voicegate demo` (gateway-core/src/main/resources/demo/*.wav) from the real-speech
# corpus: recorded human voices of the Debian packages drascula-italian, drascula-spanish, flight-of-the-amazon-queen,
# fillets-ng-data-nl, fillets-ng-data-cs and festvox-ru. Never a reserved package, never a synthetic voice.
# Which voice each clip is, and the licences: README.md beside this script.
# Needs: sox, and a corpus made by biometrics-engine/corpus/real/make-real-corpus.sh (version real-1).
# Usage: gateway-core/src/main/resources/demo/make-clips.sh CORPUS_DIR [OUT_DIR]   (default OUT_DIR: this directory)
#
# Every clip goes through a telephone channel (300-3400 Hz band, 8 kHz, G.711 mu-law), the format Genesys AudioHook
# streams. A speaker's enrollment and call clips come from different recordings (the corpus's enrollment/test files
# never share a source clip), so an enrolled caller is recognised from new speech, not a replay. Every caller who is
# not the enrolled person is another actor of another package or language (the same character across Drascula's
# dubs scores like one speaker on the x-vector engine, so no two dubs of one character are in the cast). Deterministic
# for a given corpus (sox runs with -R). The committed set is about 2 MB (budget: 3 MB, DemoClipsTest).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:?usage: make-clips.sh CORPUS_DIR [OUT_DIR]}"
out="${2:-$here}"
command -v sox >/dev/null || { echo "make-clips: missing tool 'sox' (apt-get install -y sox)" >&2; exit 2; }
[ "$(cat "$corpus/VERSION" 2>/dev/null)" = "real-1" ] \
  || { echo "make-clips: $corpus is not a real-1 corpus (run biometrics-engine/corpus/real/make-real-corpus.sh)" >&2; exit 2; }
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# clip NAME SECONDS FILE... — the corpus files (clean 8 kHz PCM16) joined with 0.3 s pauses, trimmed to SECONDS,
# through the telephone channel.
clip() {
  local name="$1" seconds="$2"; shift 2
  local parts=() i=0
  sox -R -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/gap.wav" trim 0 0.3
  for f in "$@"; do
    [ "$i" -gt 0 ] && parts+=("$tmp/gap.wav")
    parts+=("$corpus/$f"); i=$((i + 1))
  done
  sox -R "${parts[@]}" "$tmp/joined.wav"
  local total; total=$(soxi -D "$tmp/joined.wav")
  awk "BEGIN{exit !($total >= $seconds)}" || { echo "make-clips: $name: only $total s from $* (expected: >= $seconds s)" >&2; exit 3; }
  sox -R "$tmp/joined.wav" "$tmp/band.wav" norm -6 sinc 300-3400 trim 0 "$seconds"
  sox -R "$tmp/band.wav" -e u-law -b 8 "$out/$name.wav"
  echo "make-clips: $name.wav ($(soxi -D "$out/$name.wav") s from $*)"
}

# Enrolled customers and the blocklisted fraudster: the corpus's demo callers (train split).
clip enroll-olivia 24 demo/caller3-enroll.wav                              # drascula-it-bj (B.J., Italian dub)
clip call-olivia 20 demo/caller3-call1.wav demo/caller3-call2.wav
clip enroll-marcus 24 demo/caller1-enroll.wav                              # queen-joe (Joe King, FOTAQ)
clip call-marcus 20 demo/caller1-call1.wav demo/caller1-call2.wav
clip enroll-fraudster 24 demo/caller4-enroll.wav                           # drascula-it-hacker (John Hacker, Italian dub)
clip call-fraudster 20 demo/caller4-call1.wav demo/caller4-call2.wav
# Priya hands the phone to her brother (eval split: voices the back end never saw). Her part is ~6 s of net speech so
# that the verify's 11 s hold her 5 s speaker-change reference and two 4 s windows of her brother.
clip enroll-priya 24 eval/fillets-nl-smallfish/enroll.wav                  # fillets-nl-smallfish (small fish, Dutch)
clip call-priya-a 6.2 eval/fillets-nl-smallfish/test00.wav
clip call-priya-b 18 eval/festvox-ru-nsh/test01.wav                        # festvox-ru-nsh (Russian natural speech)
# New callers (nobody enrolled them) and the caller the gate disconnects (eval split).
clip call-newcaller-1 28 eval/drascula-es-bartender/test00.wav eval/drascula-es-bartender/test01.wav eval/drascula-es-bartender/test02.wav eval/drascula-es-bartender/test03.wav   # drascula-es-bartender
clip call-newcaller-2 28 eval/fillets-cs-bigfish/test00.wav eval/fillets-cs-bigfish/test01.wav eval/fillets-cs-bigfish/test02.wav eval/fillets-cs-bigfish/test03.wav   # fillets-cs-bigfish
clip call-unmonitored 10 eval/drascula-es-igor/test00.wav eval/drascula-es-igor/test01.wav   # drascula-es-igor
du -ch "$out"/*.wav | tail -1
