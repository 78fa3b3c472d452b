package dev.voicegate.notifier.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserAvailabilityTest {

    @TempDir
    Path dir;

    @Test
    void missingBrowserIsSkippedLocallyButFailsOnCi() {
        Path chromium = dir.resolve("chromium");
        Path driver = dir.resolve("chromedriver");

        assertThat(BrowserAvailability.check(chromium, driver, null)).isEqualTo(BrowserAvailability.Verdict.SKIP);
        assertThat(BrowserAvailability.check(chromium, driver, "false")).isEqualTo(BrowserAvailability.Verdict.SKIP);
        assertThat(BrowserAvailability.check(chromium, driver, "true")).isEqualTo(BrowserAvailability.Verdict.FAIL);
        assertThat(BrowserAvailability.message(chromium, driver)).contains("apt-get install -y chromium chromium-driver");
    }

    @Test
    void presentBrowserRunsEverywhere() throws IOException {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");

        assertThat(BrowserAvailability.check(chromium, driver, "true")).isEqualTo(BrowserAvailability.Verdict.RUN);
        assertThat(BrowserAvailability.check(chromium, driver, null)).isEqualTo(BrowserAvailability.Verdict.RUN);
    }

    @Test
    void browserWithoutItsDriverIsNotEnough() throws IOException {
        assertThat(BrowserAvailability.check(executable("chromium"), dir.resolve("none"), "true"))
                .isEqualTo(BrowserAvailability.Verdict.FAIL);
    }

    private Path executable(String name) throws IOException {
        Path p = Files.createFile(dir.resolve(name));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
