package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** wav → {@link XvectorFrontEnd} → {@link XvectorNetwork} stream → embedding, against the numpy oracle. */
class XvectorEndToEndTest {

    private final XvectorModel model = TestModels.model();
    private final OracleFixture oracle = OracleFixture.load("oracle-e2e-espeak-8k.txt");

    @Test
    void everyFrameOfARecordingGivesTheOraclesEmbedding() {
        List<float[]> all = new ArrayList<>();
        XvectorNetwork.Stream stream = model.network().newStream();
        XvectorFrontEnd fe = new XvectorFrontEnd(8000, (f, i, voiced) -> {
            all.add(f.clone());
            stream.accept(f);
        });
        short[] pcm = Fixtures.clip();
        for (int off = 0; off < pcm.length; off += 160) {
            fe.accept(pcm, off, Math.min(160, pcm.length - off));
        }
        fe.finish();

        assertThat((double) all.size()).isEqualTo(oracle.row("all.frames")[0]);
        float[] xv = stream.xvector().orElseThrow();
        assertThat(OracleFixture.relativeError(xv, oracle.row("all.xvector"))).isLessThan(1e-5);
        assertThat(OracleFixture.relativeError(model.embed(stream.poolingStats()).orElseThrow(), oracle.row("all.embedding")))
                .isLessThan(1e-5);
        assertThat(model.embed(all.toArray(new float[0][])).orElseThrow())
                .containsExactly(model.postProcess(xv));
    }

    @Test
    void voicedFramesGiveNearlyTheOraclesEmbeddingDespiteItsApproximateVad() {
        XvectorNetwork.Stream stream = model.network().newStream();
        long[] voiced = {0};
        XvectorFrontEnd fe = new XvectorFrontEnd(8000, (f, i, v) -> {
            if (v) {
                voiced[0]++;
                stream.accept(f);
            }
        });
        short[] pcm = Fixtures.clip();
        fe.accept(pcm, 0, pcm.length);
        fe.finish();

        double oracleVoiced = oracle.row("vad.frames")[0];
        assertThat((double) voiced[0]).isBetween(0.9 * oracleVoiced, 1.1 * oracleVoiced);
        float[] e = model.embed(stream.poolingStats()).orElseThrow();
        double[] o = oracle.row("vad.embedding");
        double cos = 0;
        for (int i = 0; i < e.length; i++) {
            cos += e[i] * o[i];
        }
        assertThat(cos).isGreaterThan(0.99);
    }
}
