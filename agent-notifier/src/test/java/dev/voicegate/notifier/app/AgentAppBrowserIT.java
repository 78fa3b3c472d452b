package dev.voicegate.notifier.app;

import dev.voicegate.notifier.Views;
import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import dev.voicegate.notifier.netty.NotifierHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent app in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}),
 * at widget width: it renders a live transaction pushed by the server, a button press reaches the
 * server, and a refusal is shown. Leaves a screenshot at {@code target/agent-app.png}.
 *
 * <p>Without {@value #CHROMIUM}: skipped with a message locally, a failure when {@code CI=true}.
 */
class AgentAppBrowserIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CONV = "conv-7f3a9c";

    private static NotifierHarness h;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start(@TempDir Path profile) throws InterruptedException {
        Path chromium = Paths.get(CHROMIUM);
        Path chromedriver = Paths.get(CHROMEDRIVER);
        switch (BrowserAvailability.check(chromium, chromedriver, System.getenv("CI"))) {
            case FAIL -> throw new AssertionError(BrowserAvailability.message(chromium, chromedriver) + ": missing on CI");
            case SKIP -> Assumptions.abort(BrowserAvailability.message(chromium, chromedriver)
                    + ": skipped because they are not installed and CI is not set");
            case RUN -> { }
        }
        h = new NotifierHarness(NotifierLimits.defaults());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=320,1300", "--force-device-scale-factor=1", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void appRendersLiveTransactionSendsCommandsAndShowsARefusal() throws Exception {
        AgentNotifier notifier = h.server.notifier();
        notifier.bind(CONV, "ada");
        notifier.bind("conv-other", "grace");
        notifier.publish("ada", Views.listening(CONV, 4.2));
        notifier.publish("grace", Views.verified("conv-other"));
        h.answer = (who, cmd) -> cmd.type() == CommandType.IDENTIFY
                ? CommandOutcome.refused("identification limit reached for this call") : CommandOutcome.ok();

        driver.get("http://127.0.0.1:" + h.port() + "/agent/?conversationId=" + CONV + "&token=" + h.token("ada", Role.AGENT));

        // Live transaction: snapshot, then a progress update pushed by the server.
        waitForText("listen-num", "4.2 / 10 s speech");
        assertThat(text("id-badge")).isEqualTo("Recognized · not verified");
        assertThat(text("claimed-value")).isEqualTo("+44•••••••123");
        assertThat(driver.getCurrentUrl()).doesNotContain("token=").contains("conversationId=" + CONV);
        notifier.progress("ada", Views.progress(CONV, 7.5));
        wait.until(ExpectedConditions.attributeToBe(By.id("listen-bar"), "aria-valuenow", "75"));
        screenshot("agent-app-listening.png");

        // The result arrives: badge, verdict, gauge, alert, history.
        notifier.publish("ada", Views.verified(CONV));
        waitForText("verdict", "Voice matches · high confidence");
        assertThat(text("gauge-num")).isEqualTo("0.93");
        assertThat(text("id-badge")).isEqualTo("Authenticated");
        assertThat(text("alerts")).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#history li"))).hasSize(2);
        assertThat(driver.findElement(By.id("listening")).isDisplayed()).isFalse();
        assertThat(driver.getPageSource()).doesNotContain("conv-other");

        // A button press reaches the server and is answered.
        button("VERIFY_AGAIN").click();
        waitForText("feedback", "Verify again: done.");
        assertThat(h.commands).extracting(AgentCommand::type, AgentCommand::conversationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CommandType.VERIFY_AGAIN, CONV));

        // Enroll needs the consent box (keyboard), then carries consent: true.
        WebElement enroll = button("ENROLL");
        assertThat(enroll.isEnabled()).isFalse();
        driver.findElement(By.id("consent")).sendKeys(Keys.SPACE);
        assertThat(enroll.isEnabled()).isTrue();
        enroll.sendKeys(Keys.ENTER);
        waitForText("feedback", "Enroll: done.");
        assertThat(h.commands.get(1).consent()).isTrue();

        // Opt-out asks first; the claimed identity is editable from the keyboard.
        driver.findElement(By.id("optout-btn")).click();
        assertThat(driver.findElement(By.id("optout-confirm")).isDisplayed()).isTrue();
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("optout-no");
        driver.findElement(By.id("optout-yes")).click();
        waitForText("feedback", "Opt out: done.");
        assertThat(driver.findElement(By.id("optout-confirm")).isDisplayed()).isFalse();
        driver.findElement(By.id("claimed-edit")).click();
        driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "cust-2002", Keys.ENTER);
        waitForText("feedback", "Claimed identity: done.");
        assertThat(h.commands).extracting(AgentCommand::type).containsExactly(CommandType.VERIFY_AGAIN,
                CommandType.ENROLL, CommandType.OPT_OUT, CommandType.SET_CLAIMED_ID);
        assertThat(h.commands.get(3).claimedId()).isEqualTo("cust-2002");

        // A refusal is shown to the agent.
        button("IDENTIFY").click();
        waitForText("feedback", "Identify refused: identification limit reached for this call");
        assertThat(driver.findElement(By.id("feedback")).getDomAttribute("role")).isEqualTo("alert");

        screenshot("agent-app.png");
    }

    @Test
    void appReconnectsByItselfAndStartsFromTheNewSnapshot() throws Exception {
        h.server.notifier().bind("conv-r", "lin");
        h.server.notifier().publish("lin", Views.verified("conv-r"));
        driver.get("http://127.0.0.1:" + h.port() + "/agent/?conversationId=conv-r&token=" + h.token("lin", Role.AGENT));
        waitForText("verdict", "Voice matches · high confidence");

        int port = h.port();
        h.close();
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-state", "closed"));
        assertThat(text("conn-text")).contains("Retrying in");
        h = new NotifierHarness(new NotifierConfig("127.0.0.1", port, NotifierLimits.defaults(),
                NotifierConfig.GENESYS_FRAME_ANCESTORS), null);
        h.server.notifier().bind("conv-r", "lin");
        h.server.notifier().publish("lin", Views.listening("conv-r", 1.0));

        waitForText("listen-num", "1.0 / 10 s speech");
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-state", "open"));
        assertThat(text("id-badge")).isEqualTo("Recognized · not verified");
    }

    /** Issue 12 §5: when the token expires the server closes the socket (4001) and the app asks for a new sign-in. */
    @Test
    void whenTheTokenExpiresTheAppSaysSoAndStopsRetryingWithIt() {
        h.server.notifier().bind("conv-exp", "eve");
        h.server.notifier().publish("eve", Views.verified("conv-exp"));
        String token = h.tokens.issue(dev.voicegate.notifier.api.AgentPrincipal.agent("eve", "Eve"), java.time.Duration.ofSeconds(3));
        driver.get("http://127.0.0.1:" + h.port() + "/agent/?conversationId=conv-exp&token=" + token);
        waitForText("verdict", "Voice matches · high confidence");
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-state", "open"));

        waitForText("conn-text", "Sign-in expired");
        assertThat(driver.findElement(By.cssSelector("#empty h1")).getText()).isEqualTo("Sign-in expired");
        assertThat(driver.findElement(By.id("call")).isDisplayed()).as("the expired call view is cleared").isFalse();
        assertThat(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return sessionStorage.getItem('voicegate.agent.token')")).isNull();
    }

    /**
     * Item 6 of issue 12: the badge, the score and the alert never contradict each other. A replayed recording
     * (the voice alone matched TRUE_HIGH 1.00) and a handed-over phone, as gateway-core publishes them.
     */
    @Test
    void aVetoedCallSaysNotAuthenticatedWithItsReasonAndNoHighScore() throws Exception {
        AgentNotifier notifier = h.server.notifier();
        notifier.bind("conv-replay", "kim");
        notifier.publish("kim", Views.replayed("conv-replay"));
        driver.get("http://127.0.0.1:" + h.port() + "/agent/?conversationId=conv-replay&token=" + h.token("kim", Role.AGENT));

        waitForText("verdict", "Not authenticated · replayed or synthetic voice suspected");
        assertThat(text("id-badge")).isEqualTo("Not authenticated");
        assertThat(driver.findElement(By.id("id-badge")).getDomAttribute("data-state")).isEqualTo("VETOED");
        assertThat(driver.findElement(By.id("verdict")).getDomAttribute("data-tone")).isEqualTo("bad");
        assertThat(text("gauge-num")).as("no score gauge next to an overruled match").isEqualTo("–");
        assertThat(text("alerts")).contains("Spoofed or synthetic voice suspected");
        assertThat(text("facts")).contains("Voice alone", "Match (score 1.00) — not trusted")
                .contains("Replay or synthetic voice suspected");
        assertThat(text("history")).contains("Not authenticated").doesNotContain("Match 1.00");
        assertThat(driver.findElement(By.id("main")).getText()).doesNotContain("Voice matches", "high confidence");
        screenshot("agent-app-replay.png");

        notifier.publish("kim", Views.handedOver("conv-replay"));
        waitForText("verdict", "Not authenticated · the speaker changed during the call");
        assertThat(text("alerts")).contains("Speaker changed during the call")
                .contains("a different voice from 6.9 s into the audio this verification listened to");
        assertThat(text("facts")).contains("Changed during this check").contains("Not confirmed (inconclusive)");
        assertThat(text("id-badge")).isEqualTo("Not authenticated");
    }

    /** BioScore bands and their words agree: each level's words, tone, chip and badge, with a score inside its band. */
    @Test
    void everyResultLevelShowsWordsToneAndBadgeThatAgree() {
        AgentNotifier notifier = h.server.notifier();
        notifier.bind("conv-bands", "lee");
        driver.get("http://127.0.0.1:" + h.port() + "/agent/?conversationId=conv-bands&token=" + h.token("lee", Role.AGENT));
        record Band(dev.voicegate.notifier.api.BioResult result, double score, String words, String chip, String tone, String badge) {
        }
        for (Band b : java.util.List.of(
                new Band(dev.voicegate.notifier.api.BioResult.FALSE_HIGH, 0.001, "Not the claimed caller · high confidence", "No match", "bad", "Recognized · not verified"),
                new Band(dev.voicegate.notifier.api.BioResult.FALSE_MEDIUM, 0.02, "Not the claimed caller", "No match", "bad", "Recognized · not verified"),
                new Band(dev.voicegate.notifier.api.BioResult.FALSE_LOW, 0.30, "Probably not the claimed caller", "No match", "bad", "Recognized · not verified"),
                new Band(dev.voicegate.notifier.api.BioResult.TRUE_LOW, 0.60, "Weak match · low confidence", "Weak match", "warn", "Recognized · not verified"),
                new Band(dev.voicegate.notifier.api.BioResult.TRUE_MEDIUM, 0.90, "Voice matches · medium confidence", "Match", "good", "Authenticated"),
                new Band(dev.voicegate.notifier.api.BioResult.TRUE_HIGH, 0.99, "Voice matches · high confidence", "Match", "good", "Authenticated"))) {
            notifier.publish("lee", Views.verifiedAs("conv-bands", b.result(), b.score()));
            waitForText("verdict", b.words());
            assertThat(driver.findElement(By.id("verdict")).getDomAttribute("data-tone")).as(b.result().name()).isEqualTo(b.tone());
            assertThat(text("gauge-num")).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", b.score()));
            assertThat(text("history")).contains(b.chip() + " " + String.format(java.util.Locale.ROOT, "%.2f", b.score()));
            assertThat(text("id-badge")).as(b.result().name()).isEqualTo(b.badge());
        }
    }

    private static WebElement button(String command) {
        return driver.findElement(By.cssSelector("button[data-cmd='" + command + "']"));
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static void waitForText(String id, String expected) {
        wait.until(ExpectedConditions.textToBe(By.id(id), expected));
    }

    private static void screenshot(String name) throws Exception {
        driver.manage().window().setSize(new Dimension(320, 1300));
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path out = Paths.get("target", name);
        Files.createDirectories(out.getParent());
        Files.copy(png.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    }
}
