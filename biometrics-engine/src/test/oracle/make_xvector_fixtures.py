#!/usr/bin/env python3
"""Writes the numeric fixtures of the Java x-vector network tests from the independent numpy oracle.

Usage (numpy and sox installed; the oracle is ../shared/tools/xvector-oracle in the
project's shared area):

    XVECTOR_ORACLE=/work/shared/tools/xvector-oracle \
    XVECTOR_MODEL_DIR=biometrics-engine/src/main/resources/dev/voicegate/biometrics/xvector \
    python3 biometrics-engine/src/test/oracle/make_xvector_fixtures.py \
        biometrics-engine/src/test/resources/dev/voicegate/biometrics/xvector

Input: the front end's committed espeak-ng clip (src/test/resources/xvector/espeak-8k.wav, 8 kHz)
through the oracle's MFCC, sliding CMN and energy VAD; the first 300 voiced frames are written as
the network input the Java test reads. Outputs per case: selected rows and the column sums of
each TDNN stage, the pooled mean+stddev, the raw x-vector and the post-processed embedding; and
end to end, the x-vector of the front end's committed clip (MFCC + CMN, all frames / oracle VAD).
Short inputs are padded as Kaldi's nnet3-xvector-compute does (min chunk 20: (20-N)//2 copies of
the first frame before, the rest of the last frame after).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.environ.get('XVECTOR_ORACLE', '/work/shared/tools/xvector-oracle'))
import xvec  # noqa: E402  (reads XVECTOR_MODEL_DIR at import)

OUT = sys.argv[1]
MIN_CHUNK = 20
STAGES = [('tdnn1', [-2, -1, 0, 1, 2]), ('tdnn2', [-2, 0, 2]), ('tdnn3', [-3, 0, 3]), ('tdnn4', [0]), ('tdnn5', [0])]


WAV = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'xvector', 'espeak-8k.wav')


def features():
    f = xvec.mfcc(xvec.load8k(WAV))
    v = xvec.vad(f)
    return xvec.cmn_sliding(f)[v].astype(np.float32)


def forward(frames):
    h = frames
    outs = []
    for name, offs in STAGES:
        h = xvec.layer(xvec.splice(h, offs) if offs != [0] else h, name)
        outs.append(h)
    st = np.concatenate([h.mean(0), np.sqrt(np.maximum(h.var(0), 1e-10))])
    a = xvec.C['tdnn6.affine']
    raw = a['<LinearParams>'] @ st + a['<BiasParams>']
    return outs, st, raw


def pad(frames):
    n = len(frames)
    if n >= MIN_CHUNK:
        return frames
    left = (MIN_CHUNK - n) // 2
    right = MIN_CHUNK - n - left
    return np.concatenate([np.repeat(frames[:1], left, 0), frames, np.repeat(frames[-1:], right, 0)])


def write(path, blocks):
    with open(path, 'w') as fh:
        for name, arr in blocks:
            arr = np.atleast_2d(np.asarray(arr, dtype=np.float64))
            fh.write('%s %d %d\n' % (name, arr.shape[0], arr.shape[1]))
            for row in arr:
                fh.write(' '.join('%.9g' % v for v in row) + '\n')


def case(frames, tag, rows_of_interest=True):
    outs, st, raw = forward(pad(frames))
    blocks = []
    for (name, _), h in zip(STAGES, outs):
        if rows_of_interest:
            idx = sorted({0, 1, len(h) // 2, len(h) - 1})
            blocks.append((name + '.rows', np.array(idx)[None, :]))
            blocks.append((name + '.values', h[idx]))
        blocks.append((name + '.colsum', h.sum(0, dtype=np.float64)[None, :]))
    blocks.append(('pooled', st[None, :]))
    blocks.append(('xvector', raw[None, :]))
    blocks.append(('embedding', xvec.post(raw)[None, :]))
    write(os.path.join(OUT, 'oracle-%s.txt' % tag), blocks)


def main():
    os.makedirs(OUT, exist_ok=True)
    f = features()
    assert len(f) >= 300, len(f)
    f = f[:300]
    write(os.path.join(OUT, 'oracle-input.txt'), [('frames', f)])
    case(f, 'n300')
    case(f[:10], 'n10', rows_of_interest=False)   # padded to 20
    case(f[:1], 'n1', rows_of_interest=False)     # padded to 20
    # end to end on the front end's committed clip (src/test/resources/xvector/espeak-8k.wav): every frame
    # after MFCC + sliding CMN (no VAD, so the check does not depend on the oracle's approximate VAD), and
    # the oracle's own VAD selection
    x = xvec.load8k(WAV)
    m = xvec.mfcc(x)
    c = xvec.cmn_sliding(m.astype(np.float64)).astype(np.float32)
    v = xvec.vad(m)
    blocks = []
    for tag, frames in (('all', c), ('vad', c[v])):
        _, _, raw = forward(frames)
        blocks.append(('%s.frames' % tag, np.array([[len(frames)]])))
        blocks.append(('%s.xvector' % tag, raw[None, :]))
        blocks.append(('%s.embedding' % tag, xvec.post(raw)[None, :]))
    write(os.path.join(OUT, 'oracle-e2e-espeak-8k.txt'), blocks)
    print('wrote fixtures to', OUT, 'from', len(f), 'frames;', len(c), 'frames end to end,', int(v.sum()), 'voiced')


if __name__ == '__main__':
    main()
