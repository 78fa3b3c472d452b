#!/usr/bin/env python3
"""VoiceGate real-speech corpus: recorded human voices from Debian packages, telephone conditions, trial lists.

Usage: make_real_corpus.py OUT UNPACKED_DIR   (make-real-corpus.sh downloads and unpacks the packages first;
UNPACKED_DIR/<package>/ is each package's tree from dpkg-deb -x, OUT/SOURCES.tsv is already written).

Speakers are characters of game and education voice packs (labelled from file names as the games' own
code names them) and one natural-speech voice (festvox-ru). Speakers that may share an actor are in one
group; a group is never split between train and eval, and an eval non-target trial only pairs speakers of
different groups, or two speakers known to be different actors (`distinct`). Everything is deterministic:
fixed seeds (per-file seeds from the file name, so the result does not depend on the order in which the
parallel workers finish), `sox -R`, sorted file lists.
"""
import collections, hashlib, json, os, random, shutil, struct, subprocess, sys, tempfile, time, wave, zlib
from multiprocessing import Pool

import numpy as np

CORPUS_VERSION = "real-1"  # written to OUT/VERSION
SEED = 20261204
SR = 8000
MIN_CLIP = 1.0            # seconds after trimming; shorter clips are dropped
ENROLL_NET = 20.0         # net speech (energy VAD) of an enrollment file
TEST_NET = 6.0            # net speech of a ">= 6 s" test
MAX_TESTS = 30            # per eval speaker
GAP = 0.3                 # seconds of silence between concatenated clips
TRAIN_MIN, TRAIN_MAX = 3.0, 10.0  # duration of a train unit (clips joined)
NONTARGET_CAP = 60000     # per list; a seeded sample beyond that
WORKERS = int(os.environ.get("VG_CORPUS_WORKERS", "2"))

# Groups whose speakers go to eval (figures only); every other group is train (back end, cohort,
# calibration). Chosen for diversity of language and recording (Czech, Dutch, Spanish, English game casts,
# Russian natural reading, single words in many languages) and about 1/3 of the speakers usable for trials.
# Queen (the most voices, but one group whose labels are per dialogue) is train: it gives the back end most
# of its speakers.
EVAL_GROUPS = ["fillets-cs", "fillets-nl", "drascula-es", "drascula-en", "festvox-ru", "hedgewars", "ktuberling"]

# Licence names as debian/copyright gives them for the files used (checked against the file at run time).
LICENCES = {
    "fillets-ng-data-cs": "GPL-2", "fillets-ng-data-nl": "GPL-2",
    "flight-of-the-amazon-queen": "Flight-of-the-Amazon-Queen-License",
    "drascula": "Drascula-License", "drascula-spanish": "Drascula-License", "drascula-italian": "Drascula-License",
    "festvox-ru": "BSD-like", "klettres-data": "GPL-2+", "ktuberling-data": "GPL-2+", "kajongg": "GPL-2+",
    "hedgewars-data": "GFDL-1.3", "megaglest-data": "CC-BY-SA-3.0",
}

OUT = os.path.abspath(sys.argv[1])
UNP = os.path.abspath(sys.argv[2])


# ---------------------------------------------------------------- sources -----------------------------------
class Clip:
    __slots__ = ("pkg", "speaker", "group", "lang", "distinct", "src", "kind", "off", "size", "name")

    def __init__(self, pkg, speaker, group, lang, src, kind="file", off=0, size=0, distinct=False, name=None):
        self.pkg, self.speaker, self.group, self.lang, self.src = pkg, speaker, group, lang, src
        self.kind, self.off, self.size, self.distinct = kind, off, size, distinct
        self.name = name or os.path.basename(src)


def files(root, exts):
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            # A symlink is another package's or folder's file (drascula's untranslated lines point to the
            # English ones): left out, the target is read where it lives.
            if f.lower().endswith(exts) and not os.path.islink(os.path.join(d, f)):
                out.append(os.path.join(d, f))
    return sorted(out)


def fillets(pkg, lang):
    # sound/<level>/<lang>/<level>-<character>-<line>.ogg; m = small fish, v = big fish (the two heroes, two
    # actors who talk to each other all game). Minor characters are left out (little speech each, cast unknown).
    root = os.path.join(UNP, pkg, "usr/share/games/fillets-ng/sound")
    out = []
    for f in files(root, (".ogg",)):
        parts = os.path.basename(f)[:-4].split("-")
        if len(parts) >= 3 and parts[1] in ("m", "v") and os.path.basename(os.path.dirname(f)) == lang:
            who = "smallfish" if parts[1] == "m" else "bigfish"
            out.append(Clip(pkg, f"fillets-{lang}-{who}", f"fillets-{lang}", lang, f, distinct=True))
    return out


def queen():
    # queen.1c: "QTBL", version, then a table of 12-byte name, bundle byte, offset, size (big-endian); the
    # .SB entries are MP3 speech. Name = 2-digit dialogue, 4 hex line, speaker code: J1..J5 = Joe (the hero),
    # P<n> = person n of that dialogue. The same character in two dialogues gets two labels, and the cast
    # doubles parts, so all of Queen is one actor group (no non-target trial inside it).
    path = os.path.join(UNP, "flight-of-the-amazon-queen", "usr/share/scummvm/flight-of-the-amazon-queen/queen.1c")
    with open(path, "rb") as f:
        head = f.read(0x0F)
        if head[:4] != b"QTBL":
            raise SystemExit(f"make_real_corpus: {path}: not a Queen resource table (no QTBL magic)")
        n = struct.unpack(">H", head[0x0D:0x0F])[0]
        table = f.read(21 * n)
    out = []
    for i in range(n):
        e = table[21 * i:21 * (i + 1)]
        name = e[:12].split(b"\0")[0].decode("ascii")
        _, off, size = struct.unpack(">BII", e[12:])
        if not name.endswith(".SB") or len(name) != 11 or not name[:6].isalnum():
            continue
        code = name[6:8]
        if code[0] == "J" and code[1].isdigit():
            spk = "queen-joe"
        elif code[0] == "P" and code[1].isalnum() and name[:2].isdigit():
            spk = f"queen-d{name[:2]}-p{code[1].lower()}"
        else:
            continue  # cutaway lines numbered by actor slot, not by character
        out.append(Clip("flight-of-the-amazon-queen", spk, "queen", "en", path, "mp3", off, size, name=name))
    return out


DRASCULA = {"": ("hacker", True), "I": ("igor", False), "BJ": ("bj", True), "VB": ("vonbraun", False),
            "P": ("pianist", False), "B": ("drunk", False), "T": ("bartender", False)}


def drascula(pkg, lang):
    # <prefix><n>.ALS: raw unsigned 8-bit 11025 Hz after a 32-byte header, the last 32 bytes not sound. The
    # game's talk code names them: <n> = John Hacker (the hero), I = Igor, BJ = B.J., VB = Von Braun,
    # P = pianist, B = drunk, T = bartender. "D" is shared by Drascula and the blind man: left out.
    # Each language's dub is its own cast (one group); John Hacker and B.J. (a woman) are distinct actors.
    root = os.path.join(UNP, pkg, "usr/share/scummvm/drascula", lang)
    out = []
    for f in files(root, (".als",)):
        stem = os.path.basename(f)[:-4]
        pre = stem.rstrip("0123456789")
        if pre == stem or pre.upper() not in DRASCULA:
            continue
        who, distinct = DRASCULA[pre.upper()]
        out.append(Clip(pkg, f"drascula-{lang}-{who}", f"drascula-{lang}", lang, f, "als", distinct=distinct))
    return out


def festvox_ru():
    root = os.path.join(UNP, "festvox-ru", "usr/share/festival/voices/russian/msu_ru_nsh_clunits/wav")
    return [Clip("festvox-ru", "festvox-ru-nsh", "festvox-ru", "ru", f) for f in files(root, (".wav",))]


def per_dir(pkg, root, prefix, group, lang_of, skip=()):
    out = []
    for f in files(root, (".ogg", ".wav")):  # sox has no Opus reader: ktuberling's .opus words are left out
        rel = os.path.relpath(f, root).split(os.sep)
        key = rel[0] if len(rel) > 1 else None
        if key is None or key in skip:
            continue
        out.append((key, f))
    return out


def klettres():
    # klettres/<lang>/{alpha,syllab}/*.ogg: letters and syllables, one reader per language folder (who may
    # have read two languages: one group).
    root = os.path.join(UNP, "klettres-data", "usr/share/klettres")
    return [Clip("klettres-data", f"klettres-{k}", "klettres", k, f)
            for k, f in per_dir("klettres-data", root, "klettres", "klettres", None)]


def ktuberling():
    # ktuberling/sounds/<lang>/*: one word per file, one reader per language; the Serbian script variants
    # are one reader.
    root = os.path.join(UNP, "ktuberling-data", "usr/share/ktuberling/sounds")
    out = []
    for k, f in per_dir("ktuberling-data", root, "ktuberling", "ktuberling", None):
        k = "sr" if k.startswith("sr") else k
        out.append(Clip("ktuberling-data", f"ktuberling-{k}", "ktuberling", k, f))
    return out


def kajongg():
    root = os.path.join(UNP, "kajongg", "usr/share/kajongg/voices")
    out = []
    for f in files(root, (".ogg",)):
        rel = os.path.relpath(f, root).split(os.sep)
        lang, voice = (rel[0], rel[1]) if len(rel) == 3 else ("en", rel[0])
        out.append(Clip("kajongg", f"kajongg-{lang}-{voice}", "kajongg", lang, f))
    return out


def hedgewars():
    # Data/Sounds/voices/<pack>/*.ogg; "Robot" is a processed voice: left out. One actor may speak several
    # packs: one group.
    root = os.path.join(UNP, "hedgewars-data", "usr/share/games/hedgewars/Data/Sounds/voices")
    out = []
    for k, f in per_dir("hedgewars-data", root, "", "", None, skip=("Robot",)):
        lang = k.split("_")[1] if "_" in k else "en"
        out.append(Clip("hedgewars-data", f"hedgewars-{k.lower()}", "hedgewars", lang, f))
    return out


def megaglest():
    # techs/megapack/factions/<faction>/units/<unit>/sounds/<unit>_ack*.wav etc.: unit acknowledgements
    # ("ack", "select"), not attack or death noises; one group (a few actors voice all units).
    root = os.path.join(UNP, "megaglest-data", "usr/share/games/megaglest/techs/megapack/factions")
    out = []
    for f in files(root, (".wav",)):
        rel = os.path.relpath(f, root).split(os.sep)
        if len(rel) != 5 or rel[1] != "units" or rel[3] != "sounds":
            continue
        b = rel[4].lower()
        if not any(w in b for w in ("ack", "select")):
            continue
        out.append(Clip("megaglest-data", f"megaglest-{rel[0]}-{rel[2]}", "megaglest", "en", f))
    return out


def collect():
    clips = []
    clips += fillets("fillets-ng-data-cs", "cs") + fillets("fillets-ng-data-nl", "nl")
    clips += queen()
    clips += drascula("drascula", "en") + drascula("drascula-spanish", "es") + drascula("drascula-italian", "it")
    clips += festvox_ru() + klettres() + ktuberling() + kajongg() + hedgewars() + megaglest()
    return clips


# ---------------------------------------------------------------- audio -------------------------------------
def sox(args, data=None):
    r = subprocess.run(["sox", "-R", "-V1", *args], input=data, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("sox " + " ".join(args) + ": " + r.stderr.decode(errors="replace").strip())
    return r.stdout


TO_RAW = ["-t", "raw", "-r", str(SR), "-e", "signed-integer", "-b", "16", "-c", "1", "-"]
RAW_IN = ["-t", "raw", "-r", str(SR), "-e", "signed-integer", "-b", "16", "-c", "1"]


def decode(c):
    if c.kind == "file":
        return sox([c.src, *TO_RAW])
    with open(c.src, "rb") as f:
        if c.kind == "mp3":
            f.seek(c.off)
            return sox(["-t", "mp3", "-", *TO_RAW], f.read(c.size))
        data = f.read()  # drascula .als
        return sox(["-t", "raw", "-r", "11025", "-e", "unsigned-integer", "-b", "8", "-c", "1", "-", *TO_RAW],
                   data[32:len(data) - 32])


def frame_energy(x):
    """Log energy (dBFS) of 25 ms frames every 10 ms."""
    n = max(0, (len(x) - 200) // 80 + 1)
    if n == 0:
        return np.zeros(0)
    idx = np.arange(200)[None, :] + 80 * np.arange(n)[:, None]
    fr = x[idx].astype(np.float64) / 32768.0
    return 10 * np.log10(np.mean(fr * fr, axis=1) + 1e-12)


def vad(x):
    """Simple energy VAD: a frame is speech when within 30 dB of the loud frames and above -55 dBFS."""
    e = frame_energy(x)
    if len(e) == 0:
        return e.astype(bool)
    ref = np.percentile(e, 95)
    return (e > ref - 30) & (e > -55)


def net_speech(x):
    return float(np.count_nonzero(vad(x))) * 0.01


def trim(x):
    """Cuts leading/trailing silence: keeps from the first to the last VAD frame, 50 ms margin."""
    v = vad(x)
    if not v.any():
        return x[:0]
    on = np.flatnonzero(v)
    a = max(0, on[0] * 80 - 400)
    b = min(len(x), on[-1] * 80 + 200 + 400)
    return x[a:b]


def write_wav(path, x):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(np.asarray(x, dtype="<i2").tobytes())


def read_wav(path):
    with wave.open(path, "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()


def convert(job):
    i, c, dst = job
    x = np.frombuffer(decode(c), dtype="<i2")
    x = trim(x)
    if len(x) < MIN_CLIP * SR:
        return i, None
    h = hashlib.sha1(x.tobytes()).hexdigest()
    write_wav(dst, x)
    return i, (len(x) / SR, net_speech(x), h)


# ---------------------------------------------------------------- conditions --------------------------------
def file_rng(name):
    return np.random.default_rng([SEED, zlib.crc32(name.encode())])


def noise(n, colour, rng):
    w = rng.standard_normal(n + 1024)
    if colour != "white":
        spec = np.fft.rfft(w)
        f = np.maximum(np.fft.rfftfreq(len(w), 1.0 / SR), 20.0)
        spec /= f ** (0.5 if colour == "pink" else 1.0)
        w = np.fft.irfft(spec, len(w))
    w = w[512:512 + n]
    return w / (np.sqrt(np.mean(w * w)) + 1e-12)


def mulaw_roundtrip(x):
    """G.711 µ-law encode and decode by sox."""
    ul = sox([*RAW_IN, "-", "-t", "raw", "-e", "u-law", "-b", "8", "-"], x.astype("<i2").tobytes())
    return np.frombuffer(sox(["-t", "raw", "-r", str(SR), "-e", "u-law", "-b", "8", "-c", "1", "-", *TO_RAW], ul), "<i2")


def telephone(x, name, snr, colour, gsm, tmp):
    """Level change, additive noise at `snr` dB (against the speech frames), 300-3400 Hz band limit,
    optionally a GSM 06.10 round trip, then G.711 µ-law. Returns (samples, description)."""
    rng = file_rng(name)
    s = x.astype(np.float64)
    act = np.repeat(vad(x), 80)[:len(s)]
    p = np.mean(s[:len(act)][act] ** 2) if act.any() else np.mean(s * s)
    level = rng.uniform(-32.0, -16.0)  # speech level in dBFS: quiet to loud lines
    s *= np.sqrt((32768.0 ** 2) * 10 ** (level / 10) / (p + 1e-9))
    if snr is not None:
        s += noise(len(s), colour, rng) * np.sqrt(np.mean(s[:len(act)][act] ** 2) if act.any() else np.mean(s * s)) / 10 ** (snr / 20)
    y = np.clip(np.round(s), -32768, 32767).astype("<i2")
    band = sox([*RAW_IN, "-", *TO_RAW, "sinc", "300-3400"], y.tobytes())
    if gsm:
        g = os.path.join(tmp, f"{zlib.crc32(name.encode()):08x}.gsm")
        sox([*RAW_IN, "-", g], band)
        band = sox([g, *TO_RAW])
        os.remove(g)
    out = mulaw_roundtrip(np.frombuffer(band, "<i2"))
    desc = f"level={level:.1f}dBFS snr={'none' if snr is None else snr}" + (f" noise={colour}" if snr is not None else "") + (" gsm" if gsm else "") + " mulaw"
    return out, desc


def cut_net(x, seconds):
    """The start of x holding `seconds` of net speech (VAD), plus 0.1 s."""
    v = vad(x)
    c = np.cumsum(v)
    k = np.searchsorted(c, int(round(seconds * 100)))
    end = min(len(x), k * 80 + 200 + 800)
    return x[:end]


TEL_SNR = [20, 10, 5]
TEL_COLOUR = ["pink", "white", "brown"]


def build_eval_file(job):
    """job: (relative stem, list of clip wavs, kind, index). Writes the clean file and its conditions."""
    stem, parts, kind, idx, tmp = job
    gap = np.zeros(int(GAP * SR), dtype="<i2")
    xs = []
    for p in parts:
        if xs:
            xs.append(gap)
        xs.append(read_wav(p))
    x = np.concatenate(xs)
    base = os.path.join(OUT, stem)
    rows = []
    write_wav(base + ".wav", x)
    rows.append((stem + ".wav", "clean", "", len(x) / SR, net_speech(x)))
    m = mulaw_roundtrip(x)
    write_wav(base + "-mulaw.wav", m)
    rows.append((stem + "-mulaw.wav", "mulaw", "mulaw", len(m) / SR, net_speech(m)))
    if kind == "enroll":
        t, d = telephone(x, stem + "-tel", 20, "pink", False, tmp)
    else:
        t, d = telephone(x, stem + "-tel", TEL_SNR[idx % 3], TEL_COLOUR[(idx // 3) % 3], idx % 2 == 0, tmp)
    write_wav(base + "-tel.wav", t)
    rows.append((stem + "-tel.wav", "telephone", d, len(t) / SR, net_speech(x)))
    if kind == "test":
        for sec in (6, 3):
            c = cut_net(x, sec)
            cm = mulaw_roundtrip(c)
            write_wav(base + f"-{sec}s.wav", cm)
            rows.append((stem + f"-{sec}s.wav", f"short-{sec}s", "mulaw", len(cm) / SR, net_speech(c)))
    return rows


def build_train_unit(job):
    rel, parts, tmp = job
    gap = np.zeros(int(GAP * SR), dtype="<i2")
    xs = []
    for p in parts:
        if xs:
            xs.append(gap)
        xs.append(read_wav(p))
    x = np.concatenate(xs)
    base = os.path.join(OUT, "train", rel)
    write_wav(base + ".wav", x)
    write_wav(base + "-mulaw.wav", mulaw_roundtrip(x))
    rng = file_rng(rel + "-choice")
    snr = [None, 20, 15, 10, 5][int(rng.integers(5))]
    t, _ = telephone(x, rel + "-tel", snr, TEL_COLOUR[int(rng.integers(3))], bool(rng.integers(2)), tmp)
    write_wav(base + "-tel.wav", t)
    return len(x) / SR


# ---------------------------------------------------------------- corpus ------------------------------------
def plan_speaker(clips, rng):
    """Enrollment (>= ENROLL_NET net) and tests (>= TEST_NET net each) from disjoint clips, or None."""
    order = list(clips)
    rng.shuffle(order)
    enroll, net, k = [], 0.0, 0
    while k < len(order) and net < ENROLL_NET:
        enroll.append(order[k]); net += order[k]["net"]; k += 1
    if net < ENROLL_NET:
        return None
    tests, cur, cnet = [], [], 0.0
    for c in order[k:]:
        cur.append(c); cnet += c["net"]
        if cnet >= TEST_NET:
            tests.append(cur); cur, cnet = [], 0.0
            if len(tests) == MAX_TESTS:
                break
    if len(tests) < 2:
        return None
    return enroll, tests


def licence_check():
    for pkg, lic in LICENCES.items():
        cp = os.path.join(UNP, pkg, "usr/share/doc", pkg, "copyright")
        txt = open(cp, encoding="utf-8", errors="replace").read()
        ok = (f"License: {lic}" in txt) or (lic == "GPL-2" and "version 2 dated June, 1991" in txt)
        if not ok:
            raise SystemExit(f"make_real_corpus: {cp} does not name licence {lic} any more: check the package")


T0 = time.time()


def stage(msg):
    print(f"make_real_corpus: {time.time() - T0:6.1f} s  {msg}", file=sys.stderr, flush=True)


def main():
    licence_check()
    tmp = tempfile.mkdtemp(prefix="vg-real-")
    clips = collect()
    # VG_REAL_CLIPS=DIR keeps the converted clips there and reuses them when the clip list is the same
    # (for working on the later steps; a normal run converts everything in a temporary folder).
    cdir = os.environ.get("VG_REAL_CLIPS") or os.path.join(tmp, "clips")
    key = hashlib.sha1("\n".join(f"{c.src}|{c.name}|{c.off}" for c in clips).encode()).hexdigest()
    cache = os.path.join(cdir, f"meta-{CORPUS_VERSION}-{key}.json")
    jobs = [(i, c, os.path.join(cdir, c.speaker, f"{i:06d}.wav")) for i, c in enumerate(clips)]
    if os.path.exists(cache):
        res = {int(k): v for k, v in json.load(open(cache)).items()}
        stage(f"{len(clips)} clips found; converted ones reused from {cdir}")
    else:
        stage(f"{len(clips)} clips found; converting")
        with Pool(WORKERS) as pool:
            res = dict(pool.imap_unordered(convert, jobs, chunksize=16))
        if os.environ.get("VG_REAL_CLIPS"):
            json.dump(res, open(cache, "w"))
        stage("clips converted")
    # Drop exact duplicates (the same recording shipped twice, e.g. in two language folders): first one wins.
    seen, meta = set(), collections.defaultdict(list)
    dropped = collections.Counter()
    for i, c in enumerate(clips):
        r = res[i]
        if r is None:
            dropped["short"] += 1
            continue
        if r[2] in seen:
            dropped["duplicate"] += 1
            continue
        seen.add(r[2])
        meta[c.speaker].append(dict(i=i, path=jobs[i][2], dur=r[0], net=r[1], name=c.name, pkg=c.pkg))
    info = {}
    for c in clips:
        info.setdefault(c.speaker, dict(group=c.group, pkg=c.pkg, lang=c.lang, distinct=c.distinct))
    speakers = sorted(meta)

    # Split by group, then plan eval speakers.
    prng = random.Random(SEED)
    split, plans = {}, {}
    for s in speakers:
        g = info[s]["group"]
        if g in EVAL_GROUPS:
            p = plan_speaker(meta[s], prng)
            if p is None:
                split[s] = "unused"  # too little speech for a trial, and its actor may be in eval
            else:
                split[s], plans[s] = "eval", p
        else:
            split[s] = "train"

    os.makedirs(OUT, exist_ok=True)
    for d in ("eval", "train", "demo"):
        if os.path.exists(os.path.join(OUT, d)):
            shutil.rmtree(os.path.join(OUT, d))
    # Eval files.
    ejobs = []
    for s in sorted(plans):
        enroll, tests = plans[s]
        ejobs.append((f"eval/{s}/enroll", [c["path"] for c in enroll], "enroll", 0, tmp))
        for t, parts in enumerate(tests):
            ejobs.append((f"eval/{s}/test{t:02d}", [c["path"] for c in parts], "test", t, tmp))
    stage(f"{len(plans)} eval speakers; building {len(ejobs)} eval files")
    with Pool(WORKERS) as pool:
        erows = [r for rows in pool.map(build_eval_file, ejobs, chunksize=4) for r in rows]
    with open(os.path.join(OUT, "eval", "files.tsv"), "w") as f:
        f.write("wav\tcondition\tchannel\tseconds\tnet_speech_seconds\n")
        for w, cond, d, sec, net in erows:
            f.write(f"{os.path.relpath(os.path.join(OUT, w), os.path.join(OUT, 'eval'))}\t{cond}\t{d}\t{sec:.2f}\t{net:.2f}\n")
    with open(os.path.join(OUT, "eval", "clips.tsv"), "w") as f:
        f.write("eval_file\tspeaker\tpackage\tsource_clip\n")
        for s in sorted(plans):
            enroll, tests = plans[s]
            for c in enroll:
                f.write(f"{s}/enroll.wav\t{s}\t{c['pkg']}\t{c['name']}\n")
            for t, parts in enumerate(tests):
                for c in parts:
                    f.write(f"{s}/test{t:02d}.wav\t{s}\t{c['pkg']}\t{c['name']}\n")
    counts = write_trials(plans, info)

    # Train units.
    tjobs, tlist = [], []
    for s in speakers:
        if split[s] != "train":
            continue
        cur, dur, u = [], 0.0, 0
        for c in meta[s]:
            if cur and dur + GAP + c["dur"] > TRAIN_MAX:
                tjobs.append((f"{s}/u{u:04d}", [x["path"] for x in cur], tmp)); u += 1; cur, dur = [], 0.0
            cur.append(c); dur += c["dur"] + (GAP if len(cur) > 1 else 0)
            if dur >= TRAIN_MIN:
                tjobs.append((f"{s}/u{u:04d}", [x["path"] for x in cur], tmp)); u += 1; cur, dur = [], 0.0
        if cur:
            tjobs.append((f"{s}/u{u:04d}", [x["path"] for x in cur], tmp))
    stage(f"building {len(tjobs)} train units")
    with Pool(WORKERS) as pool:
        pool.map(build_train_unit, tjobs, chunksize=8)
    stage("train units built")
    with open(os.path.join(OUT, "train", "list.tsv"), "w") as f:
        f.write("speaker\twav\tcondition\n")
        for rel, _, _ in tjobs:
            s = rel.split("/")[0]
            for suf, cond in (("", "clean"), ("-mulaw", "mulaw"), ("-tel", "telephone")):
                f.write(f"{s}\t{rel}{suf}.wav\t{cond}\n")

    demo = make_demo(speakers, split, meta, info)

    with open(os.path.join(OUT, "speakers.tsv"), "w") as f:
        f.write("speaker_id\tgroup\tpackage\tlanguage\tn_clips\tseconds\tnet_speech_seconds\tsplit\n")
        for s in speakers:
            i = info[s]
            f.write(f"{s}\t{i['group']}\t{i['pkg']}\t{i['lang']}\t{len(meta[s])}\t{sum(c['dur'] for c in meta[s]):.1f}\t"
                    f"{sum(c['net'] for c in meta[s]):.1f}\t{split[s]}\n")
    summary = dict(version=CORPUS_VERSION, clips_in=len(clips), clips_kept=sum(len(v) for v in meta.values()),
                   dropped=dict(dropped), trials=counts, train_units=len(tjobs), demo=demo)
    write_readme(speakers, split, meta, info, summary)
    with open(os.path.join(OUT, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    with open(os.path.join(OUT, "VERSION"), "w") as f:
        f.write(CORPUS_VERSION + "\n")
    shutil.rmtree(tmp)
    print(json.dumps(summary, sort_keys=True))


def write_trials(plans, info):
    ev = sorted(plans)
    lists = {"clean": ("enroll.wav", "{t}.wav"), "mulaw": ("enroll-mulaw.wav", "{t}-mulaw.wav"),
             "telephone": ("enroll-tel.wav", "{t}-tel.wav"), "cross-channel": ("enroll.wav", "{t}-tel.wav"),
             "short-6s": ("enroll-mulaw.wav", "{t}-6s.wav"), "short-3s": ("enroll-mulaw.wav", "{t}-3s.wav")}

    def allowed(a, b):
        ia, ib = info[a], info[b]
        return ia["group"] != ib["group"] or (ia["distinct"] and ib["distinct"])

    pairs = []  # the same pairs in every list, so the conditions compare on equal terms
    for a in ev:
        for b in ev:
            if a != b and not allowed(a, b):
                continue
            for t in range(len(plans[b][1])):
                pairs.append((a, b, f"test{t:02d}"))
    tgt = [p for p in pairs if p[0] == p[1]]
    non = [p for p in pairs if p[0] != p[1]]
    if len(non) > NONTARGET_CAP:
        r = random.Random(SEED + 7)
        non = sorted(r.sample(non, NONTARGET_CAP))
    counts = {}
    for name, (enr, tst) in lists.items():
        with open(os.path.join(OUT, "eval", f"trials-{name}.tsv"), "w") as f:
            f.write("enroll_wav\ttest_wav\tlabel\n")
            for a, b, t in tgt + non:
                f.write(f"{a}/{enr}\t{b}/{tst.format(t=t)}\t{'target' if a == b else 'nontarget'}\n")
        counts[name] = dict(target=len(tgt), nontarget=len(non))
    return counts


DEMO_SPEAKERS = 5


def make_demo(speakers, split, meta, info):
    """Simulated callers for the gateway demo, from train speakers of different packages: a ~25 s
    enrollment-like recording and two ~10 s calls each, from disjoint clips."""
    out = os.path.join(OUT, "demo")
    os.makedirs(out)
    cand = [s for s in speakers if split[s] == "train" and sum(c["dur"] for c in meta[s]) >= 60]
    cand.sort(key=lambda s: (-sum(c["dur"] for c in meta[s]), s))
    chosen, groups = [], set()
    for s in cand:  # the longest speaker of each actor group: surely different people
        if info[s]["group"] not in groups and len(chosen) < DEMO_SPEAKERS:
            chosen.append(s); groups.add(info[s]["group"])
    for s in cand:  # then speakers known to be another actor than the one chosen from their group
        if s not in chosen and info[s]["distinct"] and len(chosen) < DEMO_SPEAKERS \
                and all(info[c]["distinct"] for c in chosen if info[c]["group"] == info[s]["group"]):
            chosen.append(s)
    rows = []
    gap = np.zeros(int(GAP * SR), dtype="<i2")
    for n, s in enumerate(chosen):
        clips = list(meta[s])
        random.Random(SEED + n).shuffle(clips)
        k = 0
        for part, target in (("enroll", 25.0), ("call1", 10.0), ("call2", 10.0)):
            xs, d = [], 0.0
            while k < len(clips) and d < target:
                x = read_wav(clips[k]["path"]); k += 1
                if d + len(x) / SR > target + 4 and xs:
                    continue
                if xs:
                    xs.append(gap)
                xs.append(x); d += len(x) / SR
            x = np.concatenate(xs)
            fn = f"caller{n + 1}-{part}.wav"
            write_wav(os.path.join(out, fn), x)
            rows.append((fn, s, info[s]["pkg"], LICENCES[info[s]["pkg"]], len(x) / SR))
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("# Demo callers (real voices, train split)\n\n"
                "Simulated callers for the gateway demo: real recorded voices from Debian packages, all from the\n"
                "corpus's **train** split (never eval, never a reserved package). 8 kHz mono 16-bit PCM WAV.\n"
                "`callerN-enroll.wav` (~25 s) enrolls; `callerN-call1.wav` and `-call2.wav` (~10 s) are later calls\n"
                "of the same speaker, made of other clips than the enrollment.\n\n"
                "| file | speaker | package | licence | seconds |\n|---|---|---|---|---|\n")
        for r in rows:
            f.write(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]:.1f} |\n")
    return [dict(file=r[0], speaker=r[1], package=r[2], seconds=round(r[4], 1)) for r in rows]


def write_readme(speakers, split, meta, info, summary):
    by = collections.defaultdict(lambda: dict(spk=0, sec=0.0, langs=set(), splits=collections.Counter()))
    per_split = collections.defaultdict(lambda: [0, 0.0])
    for s in speakers:
        p = info[s]["pkg"]
        sec = sum(c["dur"] for c in meta[s])
        by[p]["spk"] += 1; by[p]["sec"] += sec; by[p]["langs"].add(info[s]["lang"]); by[p]["splits"][split[s]] += 1
        per_split[split[s]][0] += 1; per_split[split[s]][1] += sec
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write(f"# VoiceGate real-speech corpus, version {CORPUS_VERSION}\n\n"
                "Made by `biometrics-engine/corpus/real/make-real-corpus.sh` from Debian packages (SOURCES.tsv has\n"
                "each .deb's version and SHA-256). Recorded human voices of game and education voice packs and one\n"
                "natural-speech recording set; what this data can and cannot tell: `biometrics-engine/corpus/real/README.md`.\n\n"
                "## Layout\n"
                "- `speakers.tsv`: speaker_id, group (speakers that may share an actor), package, language, clips, seconds, split.\n"
                "- `eval/`: figures only. `<speaker>/enroll{,-mulaw,-tel}.wav` (>= 20 s net speech), `<speaker>/testNN{,-mulaw,-tel,-6s,-3s}.wav`\n"
                "  (tests >= 6 s net speech; -6s/-3s cut to ~6/~3 s net speech, µ-law). `trials-<list>.tsv`\n"
                "  (enroll_wav, test_wav, target|nontarget, paths relative to the list); `files.tsv` (channel of every file);\n"
                "  `clips.tsv` (which source clips make each file; a test never shares a clip with the enrollment).\n"
                "- `train/list.tsv`: speaker, wav, condition (clean / mulaw / telephone) for the back end (LDA/PLDA,\n"
                "  normalisation cohort, calibration). Units are 3-10 s joins of one speaker's clips.\n"
                "- `demo/`: simulated callers for the gateway demo (train speakers), with their own README.\n\n"
                "## Conditions\n"
                "- clean: 8 kHz 16-bit mono, leading/trailing silence trimmed, clips < 1 s dropped.\n"
                "- mulaw: G.711 µ-law encode + decode (sox).\n"
                "- telephone: speech level -32..-16 dBFS, additive noise (pink/white/brown, seeded) at 20/10/5 dB SNR against the\n"
                "  speech frames, 300-3400 Hz band limit, a GSM 06.10 round trip on every other test, then µ-law.\n"
                "  Enrollments: 20 dB pink noise, no GSM.\n"
                "- cross-channel: enroll clean, test telephone. short-6s/short-3s: enroll µ-law, test µ-law cut to ~6 s / ~3 s net speech.\n\n"
                "## Trials\n\n| list | target | non-target |\n|---|---|---|\n")
        for k, v in summary["trials"].items():
            f.write(f"| trials-{k} | {v['target']} | {v['nontarget']} |\n")
        f.write("\nNon-target trials pair speakers of different actor groups only (or two speakers known to be different\n"
                "actors: the two fish of fillets, John Hacker and B.J. of drascula), so no non-target trial can be the same actor.\n\n"
                "## Splits\n\n| split | speakers | minutes |\n|---|---|---|\n")
        for k in sorted(per_split):
            f.write(f"| {k} | {per_split[k][0]} | {per_split[k][1] / 60:.1f} |\n")
        f.write("\n`unused`: speakers of an eval group with too little speech for enrollment + 2 tests (kept out of train,\n"
                "because their actor may be in eval).\n\n## Packages\n\n| package | licence | speakers | minutes | languages | splits |\n|---|---|---|---|---|---|\n")
        for p in sorted(by):
            b = by[p]
            f.write(f"| {p} | {LICENCES[p]} | {b['spk']} | {b['sec'] / 60:.1f} | {', '.join(sorted(b['langs']))} | "
                    f"{', '.join(f'{k} {v}' for k, v in sorted(b['splits'].items()))} |\n")
        f.write(f"\nClips read: {summary['clips_in']}, kept: {summary['clips_kept']}, dropped: {summary['dropped']}.\n")


if __name__ == "__main__":
    main()
