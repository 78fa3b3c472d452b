package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// with a throw-away certificate made by the JDK's keytool. */
class TlsIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static KeyStore keyStore;
    private ServerFixture f;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path ks = dir.resolve("audiohook.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "audiohook", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keyStore.load(in, PASSWORD);
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void sessionRunsOverWss() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SslContext serverTls = SslContextBuilder.forServer(kmf).build();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SslContext clientTls = SslContextBuilder.forClient().trustManager(tmf).build();
        f = new ServerFixture(b -> b.tls(serverTls));
        URI wss = URI.create(f.uri().toString().replace("ws://", "wss://"));
        AudioHookClient c = AudioHookClient.connect(f.clientConfig().source(PcmAudioSource.tone(440, 1, 8000)).speed(10)
                .tls(clientTls).build().withUri(wss), f.clients);
        assertThat(c.opened().get(10, TimeUnit.SECONDS).media()).hasSize(1);
        c.closed().get(10, TimeUnit.SECONDS);
        assertThat(f.listener.samples(c.sessionId())).isEqualTo(8000);
        assertThat(c.protocolErrors()).isEmpty();
    }
}
