/**
 * Streaming audio front end: WAV/µ-law decoding, 16 → 8 kHz resampling, voice activity detection
 * with an adaptive noise floor, quality estimates and telephone-band cepstral features.
 *
 * <p>Every class here is single-threaded (one instance per call/analysis) unless it says otherwise,
 * allocation-light per chunk and free of I/O except {@link dev.voicegate.biometrics.frontend.WavReader}.
 */
package dev.voicegate.biometrics.frontend;
