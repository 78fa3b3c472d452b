#!/usr/bin/env python3
"""Regenerates the x-vector front-end fixtures in src/test/resources/xvector/ from the independent numpy oracle.

    XVECTOR_MODEL_DIR=/path/to/vosk-model-spk-0.4 \
    XVECTOR_ORACLE=/work/shared/tools/xvector-oracle \
    python3 biometrics-engine/src/test/oracle/make_mfcc_fixture.py [--speak]

--speak first re-synthesises the clip with espeak-ng + sox (the output depends on the espeak-ng version, so the
committed wav, not this command, is the fixture). Without it the committed wav is read as is.
Writes espeak-8k.mfcc.txt (the oracle's MFCC) and espeak-8k.cmn.txt (its sliding CMN, window 300, centred),
one frame per line, 23 space-separated values, 9 significant digits, and espeak-8k.vad.txt (its energy VAD with the
recipe's options, one 0/1 character per frame).
Needs python3-numpy and sox. The oracle module loads the model when imported, hence XVECTOR_MODEL_DIR.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'resources', 'xvector')
WAV = os.path.join(OUT, 'espeak-8k.wav')
TEXT = ("Please say your account number after the tone. "
        "Thank you, I will check that now.")


def speak():
    tmp = WAV + '.22k.wav'
    subprocess.run(['espeak-ng', '-v', 'en-us', '-s', '160', '-w', tmp, TEXT], check=True)
    subprocess.run(['sox', tmp, '-r', '8000', '-b', '16', '-e', 'signed', '-c', '1', WAV, 'vol', '0.8'], check=True)
    os.remove(tmp)


def write(path, m):
    with open(path, 'w') as f:
        for row in m:
            f.write(' '.join('%.9g' % v for v in row) + '\n')


def main():
    if '--speak' in sys.argv:
        speak()
    sys.path.insert(0, os.environ.get('XVECTOR_ORACLE', '/work/shared/tools/xvector-oracle'))
    import xvec  # noqa: E402 (needs XVECTOR_MODEL_DIR)
    x = xvec.load8k(WAV)
    f = xvec.mfcc(x)
    write(os.path.join(OUT, 'espeak-8k.mfcc.txt'), f)
    write(os.path.join(OUT, 'espeak-8k.cmn.txt'), xvec.cmn_sliding(f.astype('float64')))
    with open(os.path.join(OUT, 'espeak-8k.vad.txt'), 'w') as out:
        out.write(''.join('1' if v else '0' for v in xvec.vad(f)) + '\n')
    print(len(x), 'samples,', len(f), 'frames')


if __name__ == '__main__':
    main()
