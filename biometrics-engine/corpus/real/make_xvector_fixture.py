#!/usr/bin/env python3
"""Writes the small real-speech x-vector fixture of BackendScorerTest from the train-split embedding cache.

Usage: make_xvector_fixture.py CORPUS_DIR CACHE_TSV OUT_TSV
One speaker per actor group of the TRAIN split (the one with the most units, ties by name), its first 5 units,
clean and telephone copies: speaker<TAB>group<TAB>unit<TAB>condition<TAB>128 comma-separated floats (the cache's
post-processed x-vectors, exactly). Eval speakers are never read.
"""
import collections, sys

corpus, cache, out = sys.argv[1:4]
group, split = {}, {}
with open(f"{corpus}/speakers.tsv") as f:
    head = f.readline().rstrip("\n").split("\t")
    for line in f:
        r = dict(zip(head, line.rstrip("\n").split("\t")))
        group[r["speaker_id"]], split[r["speaker_id"]] = r["group"], r["split"]
vec = {}
with open(cache) as f:
    for line in f:
        k, _, _, v = line.rstrip("\n").split("\t")
        if v:
            vec[k] = v
units = collections.defaultdict(list)
with open(f"{corpus}/train/list.tsv") as f:
    f.readline()
    for line in f:
        s, wav, cond = line.rstrip("\n").split("\t")
        assert split[s] == "train", s
        if cond == "clean" and wav in vec and wav[:-4] + "-tel.wav" in vec:
            units[s].append(wav[:-4])
best = {}
for s in sorted(units):
    g = group[s]
    if g not in best or len(units[s]) > len(units[best[g]]):
        best[g] = s
with open(out, "w") as f:
    f.write("# speaker\tgroup\tunit\tcondition\txvector (real-speech corpus TRAIN split; see make_xvector_fixture.py)\n")
    for g in sorted(best):
        s = best[g]
        for u in sorted(units[s])[:5]:
            for cond, suf in (("clean", ".wav"), ("telephone", "-tel.wav")):
                f.write(f"{s}\t{g}\t{u}\t{cond}\t{vec[u + suf]}\n")
