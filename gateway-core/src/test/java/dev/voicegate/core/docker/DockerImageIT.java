package dev.voicegate.core.docker;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the runtime image from {@code docker/Dockerfile} with the jar this build just packaged,
 * starts it and checks {@code /readyz}. Runs where a Docker engine exists; elsewhere JUnit reports it
 * as skipped (not passed).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Container
    @SuppressWarnings("resource")
    private static final GenericContainer<?> VOICEGATE = new GenericContainer<>(
            new ImageFromDockerfile("voicegate-it", true)
                    .withFileFromPath("gateway-core/target/voicegate.jar", ROOT.resolve("gateway-core/target/voicegate.jar"))
                    .withFileFromPath("docker/voicegate.yaml", ROOT.resolve("docker/voicegate.yaml"))
                    .withFileFromPath("docker/Dockerfile", ROOT.resolve("docker/Dockerfile"))
                    // the build context is the repository root (the jar and the config), so the Dockerfile is named
                    // inside it on the build command itself (ImageFromDockerfile's path form is deprecated)
                    .withBuildImageCmdModifier(cmd -> cmd.withDockerfilePath("docker/Dockerfile")))
            .withEnv("AUDIOHOOK_API_KEY", "dockerTestKey1")
            .withEnv("AUDIOHOOK_CLIENT_SECRET", "")
            .withExposedPorts(9090, 8443)
            .waitingFor(Wait.forHttp("/readyz").forPort(9090).forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));

    @Test
    void imageStartsAsNonRootAndReportsReady() throws Exception {
        String url = "http://" + VOICEGATE.getHost() + ":" + VOICEGATE.getMappedPort(9090) + "/readyz";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(VOICEGATE.execInContainer("id", "-u").getStdout().trim()).isEqualTo("10001");
    }
}
