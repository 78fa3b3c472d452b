#!/usr/bin/env bash
# Makes the speech clips of `voicegate demo` (gateway-core/src/main/resources/demo/*.wav).
# Needs: apt-get update && apt-get install -y espeak-ng sox flite
# Usage: gateway-core/src/main/resources/demo/make-clips.sh [OUT_DIR]   (default: this directory)
#
# Voices are synthetic (Debian espeak-ng and flite), chosen from the *evaluation* speakers of
# biometrics-engine/corpus/make_corpus.py (flite slt/awb/rms, espeak en-us+m1, en-029+f1, ...), so
# none of them trained the model. Every clip goes through a telephone channel (300-3400 Hz band,
# 8 kHz, G.711 mu-law), the format Genesys AudioHook streams. Enrollment clips use different
# sentences from the call clips (an enrolled caller is recognised from new speech, not a replay).
# Deterministic for a given package set; the committed set is about 2 MB (budget: 3 MB).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
for tool in espeak-ng sox flite; do
  command -v "$tool" >/dev/null || { echo "make-clips: missing tool '$tool' (apt-get install -y espeak-ng sox flite)" >&2; exit 2; }
done
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# say VOICE TEXT OUT.wav — one sentence, 8 kHz PCM16, level -6 dBFS, short pauses around it.
say() {
  local voice="$1" text="$2" o="$3"
  case "$voice" in
    flite:*) flite -voice "${voice#flite:}" -t "$text" -o "$tmp/raw.wav" ;;
    espeak:*) local v="${voice#espeak:}"; espeak-ng -v "${v%%@*}" -p "${v##*@}" -s 160 -g 3 -w "$tmp/raw.wav" "$text" ;;
  esac
  sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$o" norm -6 pad 0.15 0.25
}

# clip NAME VOICE SECONDS SENTENCE... — sentences in order (cycled) until the clip lasts SECONDS, then
# the telephone channel; trimmed to SECONDS.
clip() {
  local name="$1" voice="$2" seconds="$3"; shift 3
  local parts=() total=0 i=0 sentences=("$@")
  while awk "BEGIN{exit !($total < $seconds)}"; do
    local p="$tmp/p$i.wav"
    say "$voice" "${sentences[$((i % ${#sentences[@]}))]}" "$p"
    total=$(awk "BEGIN{print $total + $(soxi -D "$p")}")
    parts+=("$p"); i=$((i + 1))
  done
  sox "${parts[@]}" "$tmp/joined.wav"
  sox "$tmp/joined.wav" "$tmp/band.wav" sinc 300-3400 trim 0 "$seconds"
  sox "$tmp/band.wav" -e u-law -b 8 "$out/$name.wav"
  echo "make-clips: $name.wav ($(soxi -D "$out/$name.wav") s, $voice)"
}

ENROLL_TEXT=(
  "The old farmer painted a yellow boat before lunch on Monday morning."
  "My sister carried twelve wooden chairs near the station after the storm."
  "A tired pilot ordered the broken window in the rain without a word."
  "The new manager repaired three heavy boxes at half past nine."
  "Our neighbour delivered a bright red kite for the second time by the river."
  "The young doctor borrowed the kitchen table late last night under the bridge."
  "A quiet student cleaned seven silver spoons with great care during the meeting."
  "The bank clerk counted an empty bottle next to the bakery in a hurry."
)

# Enrolled customers (enrolled at demo start from these clips, with recorded consent).
clip enroll-olivia flite:slt 24 "${ENROLL_TEXT[@]}"
clip enroll-marcus flite:awb 24 "${ENROLL_TEXT[@]}"
clip enroll-priya espeak:en-029+f1@45 24 "${ENROLL_TEXT[@]}"
# The fraudster on the blocklist (added at demo start).
clip enroll-fraudster espeak:en-us+m1@40 24 "${ENROLL_TEXT[@]}"

# Calls.
clip call-olivia flite:slt 20 \
  "Hello, this is Olivia Bennett, I'm calling about a payment on my card." \
  "It was taken twice last week and I would like one of them refunded please." \
  "The amount was forty two pounds and it went out on Tuesday morning." \
  "I can give you the last four digits of the card if that helps."
clip call-marcus flite:awb 20 \
  "Hi there, Marcus Reid here, I need to change the address on my account." \
  "We moved house at the end of last month, the new street is Harbour Road." \
  "Could you also send the statements by email instead of by post from now on." \
  "And while I have you, can I check when my next payment is due."
clip call-priya-a espeak:en-029+f1@45 6.5 \
  "Hi, it's Priya Shah, I wanted to ask about the mortgage offer you sent me." \
  "Actually my brother knows the details, let me pass you over to him."
clip call-priya-b flite:rms 18 \
  "Hello, yes, I'm her brother, she asked me to sort this out for her." \
  "The offer letter says the rate is fixed for five years, is that correct." \
  "We would like to move the completion date to the end of next month." \
  "Can you tell me what the fee would be for making that change."
clip call-fraudster espeak:en-us+m1@40 20 \
  "Hi, this is Marcus Reid, I've lost my card and I need a new one urgently." \
  "Please send it to a different address, I'm staying with a friend at the moment." \
  "I also want to raise the daily transfer limit to five thousand pounds today." \
  "I don't have my security details with me, can we skip that just this once."
clip call-newcaller-1 espeak:en-gb-x-rp+f5@55 28 \
  "Good afternoon, I'd like to open a savings account with you please." \
  "I've been a customer at another bank for years but I want to move my money." \
  "Yes, I'm happy for you to use my voice to recognise me on future calls." \
  "My name is Hannah Clarke and I live in the north of the city." \
  "What interest rate do you offer on the easy access account."
clip call-newcaller-2 espeak:en-gb-scotland+m3@35 28 \
  "Hello, I'm calling to ask about travel insurance for a trip next month." \
  "We're going to Canada for three weeks, two adults and one child." \
  "Aye, you can use my voice for recognition next time, that's fine with me." \
  "Could you tell me whether skiing is covered by the standard policy." \
  "And is there any discount if I already have a current account with you."
clip call-unmonitored flite:kal 10 \
  "Hello, I'm calling the sales team about upgrading my broadband package." \
  "Is the faster plan available at my address yet."
du -ch "$out"/*.wav | tail -1
