#!/usr/bin/env bash
# Makes the VoiceGate real-speech corpus (recorded human voices from Debian packages; see make_real_corpus.py
# and README.md beside this file).
# Usage: biometrics-engine/corpus/real/make-real-corpus.sh [OUT_DIR] [DEB_CACHE]
#   OUT_DIR   default biometrics-engine/target/real-corpus (made anew)
#   DEB_CACHE default biometrics-engine/target/debs (.debs are fetched with `apt-get download` when missing and
#             kept; nothing is installed)
# Needs: apt-get (after apt-get update), dpkg-deb, sox with MP3 and GSM support (libsox-fmt-mp3), python3 + numpy.
# Deterministic for a given set of .debs: two runs give bit-identical files. About 5 minutes on 2 cores
# without the downloads (~1 GB of .debs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mod="$(cd "$here/../.." && pwd)"
out="${1:-$mod/target/real-corpus}"
cache="${2:-$mod/target/debs}"

# Never add a reserved package here (asterisk-core-sounds-*, asterisk-prompt-*, pocketsphinx-testdata, the
# alsa-utils sounds, codec2-examples): they are kept for an independent evaluation.
PKGS="fillets-ng-data-cs fillets-ng-data-nl flight-of-the-amazon-queen drascula drascula-spanish drascula-italian
festvox-ru klettres-data ktuberling-data kajongg hedgewars-data megaglest-data"

for tool in apt-get dpkg-deb sox sha256sum python3; do
  command -v "$tool" >/dev/null || { echo "make-real-corpus: missing tool '$tool'" >&2; exit 2; }
done
python3 -c 'import numpy' 2>/dev/null || { echo "make-real-corpus: python3 needs numpy (apt-get install python3-numpy)" >&2; exit 2; }
for fmt in mp3 gsm; do
  sox -h 2>/dev/null | grep -q "AUDIO FILE FORMATS:.* $fmt" \
    || { echo "make-real-corpus: sox cannot read/write '$fmt' (apt-get install libsox-fmt-mp3 libsox-fmt-base)" >&2; exit 2; }
done

mkdir -p "$cache"
missing=""
for p in $PKGS; do
  ls "$cache/${p}_"*.deb >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "make-real-corpus: apt-get download$missing" >&2
  (cd "$cache" && apt-get download $missing) || { echo "make-real-corpus: apt-get download failed (run apt-get update first?)" >&2; exit 3; }
fi

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/vg-real-unpack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
printf 'package\tversion\tdeb\tsha256\n' > "$out/SOURCES.tsv"
for p in $PKGS; do
  debs=( "$cache/${p}_"*.deb )
  [ "${#debs[@]}" -eq 1 ] || { echo "make-real-corpus: ${#debs[@]} .debs for $p in $cache; keep exactly one" >&2; exit 3; }
  deb="${debs[0]}"
  [ "$(dpkg-deb -f "$deb" Package)" = "$p" ] || { echo "make-real-corpus: $deb is not package $p" >&2; exit 3; }
  printf '%s\t%s\t%s\t%s\n' "$p" "$(dpkg-deb -f "$deb" Version)" "$(basename "$deb")" "$(sha256sum "$deb" | cut -d' ' -f1)" >> "$out/SOURCES.tsv"
  mkdir -p "$work/$p"
  dpkg-deb -x "$deb" "$work/$p"
done
python3 "$here/make_real_corpus.py" "$out" "$work"
