#!/usr/bin/env python3
"""VoiceGate spoof corpus: synthetic speech (three TTS engines) through the real corpus's telephone conditions.

Usage: make_spoof_corpus.py OUT   (make-spoof-corpus.sh checks the tools first)

Attacks are whole TTS engines, so a detector can be evaluated on an engine it was not trained on:
  espeak-ng  (formant synthesis; voices = language x variant, own base pitch and rate)
  flite      (CMU diphone / clustergen voices kal, kal16, awb, rms, slt)
  festival   (text2wave with the installed voices: kal diphone, ked diphone, CMU SLT HTS)
A third of the utterances of every engine also get a sox pitch shift of +-2..5 semitones (a crude
voice-conversion-like transformation). Every unit is written as clean (8 kHz PCM16), -mulaw and -tel
(the real corpus's `telephone()`: level, seeded pink/white/brown noise at none/20/15/10/5 dB SNR, 300-3400 Hz,
GSM 06.10 on half, G.711 µ-law) exactly as the real corpus's train units, with the same functions
(imported from ../real/make_real_corpus.py), so the two classes differ in their source, not in the channel.
Deterministic: seeded generators, `sox -R`, per-file seeds from the file name; two runs give the same files.
Writes OUT/list.tsv (engine, voice, wav, condition, transform) and OUT/VERSION.
"""
import importlib.util, os, random, shutil, subprocess, sys, tempfile, wave

import numpy as np

CORPUS_VERSION = "spoof-1"
SEED = 20261205
UNITS = {"espeak": 150, "flite": 150, "festival": 150}  # units per engine (each in 3 conditions)
OUT = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))

# The telephone conditions of the real corpus, the same code (its module reads OUT and the unpack dir from argv).
_argv = sys.argv
sys.argv = [_argv[0], OUT, "/nonexistent"]
_spec = importlib.util.spec_from_file_location("real", os.path.join(HERE, "..", "real", "make_real_corpus.py"))
real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real)
sys.argv = _argv

rng = random.Random(SEED)

SUBJ = "the old farmer|my sister|a tired pilot|the new manager|our neighbour|the young doctor|a quiet student|the bank clerk|his cousin|the taxi driver|a friendly nurse|the chef|my grandfather|the postman|a local baker|the engineer".split("|")
VERB = "painted|carried|ordered|repaired|delivered|borrowed|cleaned|counted|described|finished|opened|wrapped|measured|checked|planted|returned".split("|")
OBJ = "a yellow boat|twelve wooden chairs|the broken window|three heavy boxes|a bright red kite|the kitchen table|seven silver spoons|an empty bottle|the garden fence|a warm blanket|forty paper cups|the morning train tickets|a small brown dog|the account balance|my credit card|the back door".split("|")
TAIL = "before lunch|on Monday morning|near the station|after the storm|in the rain|without a word|at half past nine|for the second time|by the river|late last night|under the bridge|with great care|during the meeting|next to the bakery|in a hurry|just in time".split("|")
EXTRA = ["my account number is {}", "please call me back at {}", "the reference is {}", "I was born in {}",
         "I would like to check my balance", "can you transfer the money today", "yes, that is correct"]


def sentence():
    s = f"{rng.choice(SUBJ)} {rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(TAIL)}"
    if rng.random() < 0.4:
        s += ", and " + rng.choice(EXTRA).format(" ".join(str(rng.randint(0, 9)) for _ in range(rng.randint(4, 7))))
    return s[0].upper() + s[1:] + "."


ESPEAK_LANGS = ["en-us", "en", "en-gb-x-rp", "en-029", "en-gb-scotland"]
ESPEAK_VARIANTS = "m1 m3 f1 f3 klatt2 klatt4 adam linda paul steph Mario anika grandma Storm".split()
FLITE_VOICES = ["kal", "kal16", "awb", "rms", "slt"]
FESTIVAL_VOICES = ["voice_kal_diphone", "voice_ked_diphone", "voice_cmu_us_slt_arctic_hts"]


def voices():
    v = {"espeak": [], "flite": [], "festival": []}
    for i, var in enumerate(ESPEAK_VARIANTS):
        v["espeak"].append(dict(engine="espeak", name=f"{ESPEAK_LANGS[i % len(ESPEAK_LANGS)]}+{var}",
                                pitch=rng.randint(25, 75), rate=rng.randint(140, 190)))
    for n in FLITE_VOICES:
        v["flite"].append(dict(engine="flite", name=n, pitch=0, rate=0))
    for n in FESTIVAL_VOICES:
        v["festival"].append(dict(engine="festival", name=n, pitch=0, rate=0))
    return v


def run(cmd):
    if cmd[0] == "sox":
        cmd = ["sox", "-R", *cmd[1:]]
    r = subprocess.run(cmd, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(" ".join(cmd) + ": " + r.stderr.decode(errors="replace").strip())


def synth(v, text, out, tmp):
    raw = os.path.join(tmp, "raw.wav")
    stretch = rng.uniform(0.9, 1.1)
    if v["engine"] == "espeak":
        run(["espeak-ng", "-v", v["name"], "-p", str(max(0, min(99, v["pitch"] + rng.randint(-4, 4)))),
             "-s", str(int(v["rate"] / stretch)), "-g", str(rng.randint(2, 6)), "-w", raw, text])
    elif v["engine"] == "flite":
        run(["flite", "-voice", v["name"], "--setf", f"duration_stretch={stretch:.3f}", "-t", text, "-o", raw])
    else:
        txt = os.path.join(tmp, "t.txt")
        with open(txt, "w") as f:
            f.write(text)
        run(["text2wave", "-eval", f"({v['name']})", "-eval", f"(Parameter.set 'Duration_Stretch {stretch:.3f})",
             "-o", raw, txt])
    run(["sox", raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", out, "norm", "-3"])


def unit(v, seconds, tmp):
    """Sentences of one voice joined (0.3 s gaps) until `seconds` long; returns (samples, transform)."""
    gap = np.zeros(int(real.GAP * real.SR), dtype="<i2")
    xs, total = [], 0.0
    while total < seconds:
        p = os.path.join(tmp, "s.wav")
        synth(v, sentence(), p, tmp)
        x = real.trim(real.read_wav(p))
        if xs:
            xs.append(gap)
        xs.append(x)
        total += len(x) / real.SR
    x = np.concatenate(xs)
    transform = "none"
    if rng.random() < 1.0 / 3:
        cents = rng.choice([-1, 1]) * rng.randint(200, 500)
        transform = f"pitch{cents:+d}"
        y = real.sox([*real.RAW_IN, "-", *real.TO_RAW, "pitch", str(cents)], x.tobytes())
        x = np.frombuffer(y, "<i2")
    return x, transform


def main():
    for tool in ("espeak-ng", "flite", "text2wave", "sox"):
        if shutil.which(tool) is None:
            sys.exit(f"make_spoof_corpus: missing tool '{tool}'")
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    tmp = tempfile.mkdtemp(prefix="vg-spoof.")
    rows = []
    try:
        vs = voices()
        for engine in ("espeak", "flite", "festival"):
            for i in range(UNITS[engine]):
                v = vs[engine][i % len(vs[engine])]
                x, transform = unit(v, rng.uniform(real.TRAIN_MIN, real.TRAIN_MAX), tmp)
                rel = f"{engine}/{v['name'].replace('+', '-').replace('voice_', '')}/u{i:04d}"
                base = os.path.join(OUT, rel)
                real.write_wav(base + ".wav", x)
                real.write_wav(base + "-mulaw.wav", real.mulaw_roundtrip(x))
                crng = real.file_rng(rel + "-choice")
                snr = [None, 20, 15, 10, 5][int(crng.integers(5))]
                t, desc = real.telephone(x, rel + "-tel", snr, real.TEL_COLOUR[int(crng.integers(3))],
                                         bool(crng.integers(2)), tmp)
                real.write_wav(base + "-tel.wav", t)
                for suffix, cond, d in (("", "clean", ""), ("-mulaw", "mulaw", "mulaw"), ("-tel", "telephone", desc)):
                    rows.append((engine, v["name"], rel + suffix + ".wav", cond, transform, d))
            print(f"make_spoof_corpus: {engine}: {UNITS[engine]} units", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with open(os.path.join(OUT, "list.tsv"), "w") as f:
        f.write("engine\tvoice\twav\tcondition\ttransform\tchannel\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    with open(os.path.join(OUT, "VERSION"), "w") as f:
        f.write(CORPUS_VERSION + "\n")


if __name__ == "__main__":
    main()
