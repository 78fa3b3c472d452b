package dev.voicegate.biometrics.xvector.backend;

import dev.voicegate.biometrics.xvector.XvectorFrontEnd;
import dev.voicegate.biometrics.xvector.XvectorModel;
import dev.voicegate.biometrics.xvector.XvectorNetwork;
import java.util.Optional;

/**
 * Whole-recording x-vectors for training and evaluation tools: 8 kHz PCM → {@link XvectorFrontEnd} (default
 * options) → the voiced frames streamed through the network → the post-processed, unit-length embedding
 * ({@link XvectorModel#embed}). Stateless, thread-safe (each call has its own front end and stream).
 */
public final class WavEmbedder {

    /** An embedding and the net speech (voiced frames) it came from. */
    public record Embedding(float[] vector, double netSpeechSeconds) {
    }

    private static final int CHUNK = 800;

    private WavEmbedder() {
    }

    /** Empty when the VAD finds no voiced frame. */
    public static Optional<Embedding> embed(XvectorModel model, short[] pcm8k) {
        XvectorNetwork.Stream stream = model.network().newStream();
        XvectorFrontEnd fe = new XvectorFrontEnd(8000, (f, i, voiced) -> {
            if (voiced) {
                stream.accept(f);
            }
        });
        for (int off = 0; off < pcm8k.length; off += CHUNK) {
            fe.accept(pcm8k, off, Math.min(CHUNK, pcm8k.length - off));
        }
        fe.finish();
        double net = fe.netSpeechSeconds();
        return model.embed(stream.poolingStats()).map(v -> new Embedding(v, net));
    }
}
