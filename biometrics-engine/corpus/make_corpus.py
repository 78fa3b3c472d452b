#!/usr/bin/env python3
"""VoiceGate speaker corpus: synthetic speakers, telephone conditions, trial lists.

Speakers are voices of espeak-ng (variant + base pitch + rate), flite (CMU voices awb, rms, slt,
kal) and festival (ked diphone). Each utterance gets its own random sentence text and a
small jitter of pitch, rate and level, so no two utterances are the same signal.
Background speakers (bg/) train the model; evaluation speakers (eval/) are disjoint from them
(no voice, variant or underlying recorded speaker is shared: e.g. CMU SLT is only in eval, as flite
slt; Kal only in background, as flite kal/kal16).
"""
import os, random, shutil, subprocess, sys, tempfile

OUT = os.path.abspath(sys.argv[1])
SEED = 20261122
TESTS = 16  # test utterances per evaluation speaker (480 target trials per condition)
CORPUS_VERSION = "2"  # written to VERSION; reproduce.sh remakes a corpus of another version
rng = random.Random(SEED)
noise_rng = random.Random(SEED + 2)  # noise offsets only, so the texts and voices do not depend on them
NOISE_SECONDS = 120

SUBJ = "the old farmer|my sister|a tired pilot|the new manager|our neighbour|the young doctor|a quiet student|the bank clerk|his cousin|the taxi driver|a friendly nurse|the chef|my grandfather|the postman|a local baker|the engineer".split("|")
VERB = "painted|carried|ordered|repaired|delivered|borrowed|cleaned|counted|described|finished|opened|wrapped|measured|checked|planted|returned".split("|")
OBJ = "a yellow boat|twelve wooden chairs|the broken window|three heavy boxes|a bright red kite|the kitchen table|seven silver spoons|an empty bottle|the garden fence|a warm blanket|forty paper cups|the morning train tickets|a small brown dog|the account balance|my credit card|the back door".split("|")
TAIL = "before lunch|on Monday morning|near the station|after the storm|in the rain|without a word|at half past nine|for the second time|by the river|late last night|under the bridge|with great care|during the meeting|next to the bakery|in a hurry|just in time".split("|")
EXTRA = ["my account number is {}", "please call me back at {}", "the reference is {}", "I was born in {}", "my postcode ends in {}"]

def sentence():
    s = f"{rng.choice(SUBJ)} {rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(TAIL)}"
    if rng.random() < 0.35:
        s += ", and " + rng.choice(EXTRA).format(" ".join(str(rng.randint(0, 9)) for _ in range(rng.randint(4, 7))))
    return s[0].upper() + s[1:] + "."

ESPEAK_EVAL = ("m1 m3 m5 f1 f3 f5 klatt2 klatt4 adam belinda david edward linda paul steph zac "
               "Jacky kaukovalta marcelo Mario Nguyen Storm anika grandpa croak grandma Tweaky").split()
ESPEAK_BG = ("m2 m4 m6 m7 m8 f2 f4 klatt klatt3 klatt5 klatt6 Alex Alicia Andrea Andy Annie antonio aunty benjamin boris "
             "caleb Denis Diogo ed Gene gustave Henrique Hugo iven iven2 john Lee Marco max Michael michel miguel "
             "Mike pablo pedro quincy rob robert norbert sandro shelby travis victor").split()
LANGS = ["en-us", "en", "en-gb-x-rp", "en-029", "en-gb-scotland"]

def speakers():
    spk = []
    for i, v in enumerate(ESPEAK_EVAL):
        spk.append(dict(id=f"e{i:02d}-esp-{v}", set="eval", kind="espeak", voice=f"{LANGS[i % len(LANGS)]}+{v}",
                        pitch=rng.randint(30, 70), rate=rng.randint(145, 185)))
    for v in ["awb", "rms", "slt"]:
        spk.append(dict(id=f"e{len(spk):02d}-flite-{v}", set="eval", kind="flite", voice=v, pitch=0, rate=0))
    for i, v in enumerate(ESPEAK_BG):
        spk.append(dict(id=f"b{i:02d}-esp-{v}", set="bg", kind="espeak", voice=f"{LANGS[i % len(LANGS)]}+{v}",
                        pitch=rng.randint(25, 75), rate=rng.randint(140, 190)))
    for v in ["kal16", "kal"]:
        spk.append(dict(id=f"b{len(ESPEAK_BG)}-flite-{v}", set="bg", kind="flite", voice=v, pitch=0, rate=0))
        ESPEAK_BG.append(v)
    spk.append(dict(id=f"b{len(ESPEAK_BG)}-fest-ked", set="bg", kind="festival", voice="voice_ked_diphone", pitch=0, rate=0))
    ESPEAK_BG.append("ked")
    return spk

def run(cmd, **kw):
    if cmd[0] == "sox":
        cmd = ["sox", "-R", *cmd[1:]]  # repeatable: fixed seeds for dither and noise, so the corpus is the same every time
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)

def synth(s, text, out, tmp):
    raw = os.path.join(tmp, "raw.wav")
    stretch = rng.uniform(0.92, 1.08)
    if s["kind"] == "espeak":
        run(["espeak-ng", "-v", s["voice"], "-p", str(max(0, min(99, s["pitch"] + rng.randint(-3, 3)))),
             "-s", str(int(s["rate"] / stretch)), "-g", str(rng.randint(2, 6)), "-w", raw, text])
    elif s["kind"] == "flite":
        run(["flite", "-voice", s["voice"], "--setf", f"duration_stretch={stretch:.3f}", "-t", text, "-o", raw])
    else:
        txt = os.path.join(tmp, "t.txt")
        open(txt, "w").write(text)
        run(["text2wave", "-eval", f"({s['voice']})", "-eval", f"(Parameter.set 'Duration_Stretch {stretch:.3f})", "-o", raw, txt])
    gain = rng.uniform(-9, -3)
    run(["sox", raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", out, "norm", f"{gain:.1f}", "pad", "0.2", "0.3"])

def utterance(s, seconds, out, tmp):
    """Concatenates sentences until the clip is at least `seconds` long."""
    parts = []
    total = 0.0
    while total < seconds:
        p = os.path.join(tmp, f"p{len(parts)}.wav")
        synth(s, sentence(), p, tmp)
        total += float(subprocess.run(["soxi", "-D", p], check=True, capture_output=True, text=True).stdout)
        parts.append(p)
    run(["sox", *parts, out])

def rms(path):
    r = subprocess.run(["sox", path, "-n", "stat"], capture_output=True, text=True).stderr
    for line in r.splitlines():
        if line.startswith("RMS     amplitude"):
            return float(line.split(":")[1])
    raise RuntimeError("no RMS for " + path)

def degrade(clean, out, snr_db, tmp, noise_kind):
    """Telephone channel: 300-3400 Hz band, additive noise at snr_db (None = no noise), G.711 mu-law."""
    band = os.path.join(tmp, "band.wav")
    run(["sox", clean, band, "sinc", "300-3400"])
    src = band
    if snr_db is not None:
        dur = subprocess.run(["soxi", "-D", band], check=True, capture_output=True, text=True).stdout.strip()
        noise = os.path.join(tmp, "noise.wav")
        # Noise level from the speech RMS (whole clip incl. pauses, so the speech SNR is a bit higher).
        level = rms(band) / (10 ** (snr_db / 20))
        # A stretch of a long noise recording at a random offset: sox -R seeds its generator the
        # same way every time, so synthesising per file would add the same noise to every file.
        base = os.path.join(tmp, f"noise-{noise_kind}.wav")
        if not os.path.exists(base):
            run(["sox", "-r", "8000", "-c", "1", "-b", "16", "-n", base, "synth", str(NOISE_SECONDS), noise_kind])
        offset = noise_rng.uniform(0, NOISE_SECONDS - float(dur) - 1)
        run(["sox", base, noise, "trim", f"{offset:.4f}", dur, "vol", f"{level * 3.0:.6f}"])
        run(["sox", noise, os.path.join(tmp, "noise2.wav"), "sinc", "300-3400"])
        mixed = os.path.join(tmp, "mixed.wav")
        run(["sox", "-m", band, os.path.join(tmp, "noise2.wav"), mixed])
        src = mixed
    run(["sox", src, "-e", "u-law", "-b", "8", out])

def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    tmp = tempfile.mkdtemp()
    spk = speakers()
    os.makedirs(OUT)
    with open(os.path.join(OUT, "speakers.tsv"), "w") as f:
        f.write("speaker\tset\tkind\tvoice\tpitch\trate\n")
        for s in spk:
            f.write(f"{s['id']}\t{s['set']}\t{s['kind']}\t{s['voice']}\t{s['pitch']}\t{s['rate']}\n")
    bg = open(os.path.join(OUT, "background.tsv"), "w")
    bg.write("speaker\twav\n")
    for s in spk:
        d = os.path.join(OUT, s["set"], s["id"])
        os.makedirs(d)
        if s["set"] == "bg":
            for u in range(8):
                w = os.path.join(d, f"u{u}.wav")
                utterance(s, rng.uniform(4, 9), w, tmp)
                if u % 2 == 1:  # half of the background in telephone conditions too
                    degrade(w, w.replace(".wav", "-tel.wav"), rng.choice([None, 20, 10]), tmp, rng.choice(["pinknoise", "whitenoise", "brownnoise"]))
                    bg.write(f"{s['id']}\t{os.path.relpath(w.replace('.wav', '-tel.wav'), OUT)}\n")
                bg.write(f"{s['id']}\t{os.path.relpath(w, OUT)}\n")
        else:
            make_eval_speaker(s, d, tmp)
    bg.close()
    write_trials(spk)
    with open(os.path.join(OUT, "VERSION"), "w") as f:
        f.write(CORPUS_VERSION + "\n")
    shutil.rmtree(tmp)

def make_eval_speaker(s, d, tmp):
    utterance(s, 28, os.path.join(d, "enroll.wav"), tmp)  # >= 20 s net speech after the telephone channel
    degrade(os.path.join(d, "enroll.wav"), os.path.join(d, "enroll-mulaw.wav"), None, tmp, "pinknoise")
    degrade(os.path.join(d, "enroll.wav"), os.path.join(d, "enroll-tel.wav"), 20, tmp, "pinknoise")
    for t in range(TESTS):
        clean = os.path.join(d, f"test{t}.wav")
        utterance(s, 8, clean, tmp)
        degrade(clean, os.path.join(d, f"test{t}-mulaw.wav"), None, tmp, "pinknoise")
        # SNR cycles 20/10/5/15 dB and the noise colour pink/white/brown, so every pairing occurs.
        degrade(clean, os.path.join(d, f"test{t}-tel.wav"), [20, 10, 5, 15][t % 4], tmp, ["pinknoise", "whitenoise", "brownnoise"][t % 3])
        for sec in (3, 6):
            # Net speech ~3 s / ~6 s: the synthetic voices pause little, so trim to sec + 0.5 s.
            run(["sox", os.path.join(d, f"test{t}-mulaw.wav"), os.path.join(d, f"test{t}-{sec}s.wav"), "trim", "0", str(sec + 0.5)])

def write_trials(spk):
    ev = [s["id"] for s in spk if s["set"] == "eval"]
    conds = {"clean": ("enroll.wav", "test{t}.wav"), "mulaw": ("enroll-mulaw.wav", "test{t}-mulaw.wav"),
             "telephone": ("enroll-tel.wav", "test{t}-tel.wav"), "short-3s": ("enroll-mulaw.wav", "test{t}-3s.wav"),
             "short-6s": ("enroll-mulaw.wav", "test{t}-6s.wav")}
    for name, (enr, tst) in conds.items():
        with open(os.path.join(OUT, f"trials-{name}.tsv"), "w") as f:
            f.write("enroll_wav\ttest_wav\tlabel\n")
            for a in ev:
                for b in ev:
                    for t in range(TESTS):
                        f.write(f"eval/{a}/{enr}\teval/{b}/{tst.format(t=t)}\t{'target' if a == b else 'nontarget'}\n")

if __name__ == "__main__":
    main()
