#!/usr/bin/env python3
"""Builds the audio for VadAgreementBench (streaming VAD vs Kaldi's compute-vad) from real recorded speech.

    apt-get download fillets-ng-data-cs && dpkg-deb -x fillets-ng-data-cs_*.deb /tmp/fillets
    python3 biometrics-engine/src/test/oracle/vad_agreement_data.py /tmp/fillets/usr/share/games/fillets-ng/sound OUT

Writes 8 kHz PCM16 wavs under OUT/:
  clips/      every voice clip alone (mostly 1-5 s)
  calls/      ~60 s "calls": the clips of one game level back to back, 0.3-2 s gaps of digital silence between
  telephone/  the same calls band-limited to 300-3400 Hz, with white noise at 20 dB SNR and a mu-law round trip
Deterministic (seeded). Needs sox with ogg support and python3-numpy. Not a training or evaluation corpus: it only
exercises the VAD on real speech and real pauses.
"""
import os
import subprocess
import sys
import wave

import numpy as np


def load(path):
    raw = subprocess.run(['sox', path, '-t', 'raw', '-r', '8000', '-b', '16', '-e', 'signed', '-c', '1', '-'],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype='<i2').astype(np.float64)


def save(path, x):
    x = np.clip(np.round(x), -32768, 32767).astype('<i2')
    with wave.open(path, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(x.tobytes())


def telephone(x, rnd):
    raw = np.clip(np.round(x), -32768, 32767).astype('<i2').tobytes()
    band = subprocess.run(['sox', '-t', 'raw', '-r', '8000', '-b', '16', '-e', 'signed', '-c', '1', '-',
                           '-t', 'raw', '-', 'sinc', '300-3400'], input=raw, capture_output=True, check=True).stdout
    y = np.frombuffer(band, dtype='<i2').astype(np.float64)
    speech = y[np.abs(y) > 0.05 * np.abs(y).max()] if y.any() else y
    power = np.mean(speech ** 2) if len(speech) else 1.0
    y = y + rnd.normal(0, np.sqrt(power / 100.0), len(y))  # 20 dB below the speech power
    raw = np.clip(np.round(y), -32768, 32767).astype('<i2').tobytes()
    ulaw = subprocess.run(['sh', '-c', 'sox -t raw -r 8000 -b 16 -e signed -c 1 - -t raw -e u-law -b 8 - | '
                           'sox -t raw -r 8000 -e u-law -b 8 -c 1 - -t raw -e signed -b 16 -'],
                          input=raw, capture_output=True, check=True).stdout
    return np.frombuffer(ulaw, dtype='<i2').astype(np.float64)


def main():
    src, out = sys.argv[1], sys.argv[2]
    for d in ('clips', 'calls', 'telephone'):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    rnd = np.random.default_rng(20261204)
    levels = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))
    for level in levels:
        files = []
        for root, _, names in os.walk(os.path.join(src, level)):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith('.ogg')]
        call, seconds, k = [], 0.0, 0
        for f in files:
            x = load(f)
            if len(x) < 400:
                continue
            name = level + '-' + os.path.basename(f)[:-4]
            save(os.path.join(out, 'clips', name + '.wav'), x)
            call += [x, np.zeros(int(rnd.uniform(0.3, 2.0) * 8000))]
            seconds += len(x) / 8000
            if seconds >= 60:
                c = np.concatenate(call)
                save(os.path.join(out, 'calls', '%s-%d.wav' % (level, k)), c)
                save(os.path.join(out, 'telephone', '%s-%d.wav' % (level, k)), telephone(c, rnd))
                call, seconds, k = [], 0.0, k + 1


if __name__ == '__main__':
    main()
