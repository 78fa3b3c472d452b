package dev.voicegate.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code transactions:} — biometric jobs on bound calls (issue #5 §1).
 *
 * @param autoStart        what starts when a call is bound: {@code verify} (the claimed identity; falls back
 *                         to identify when nothing is claimed), {@code identify} or {@code none}
 * @param netSpeech        net speech a verify/identify transaction listens for before deciding
 * @param maxListen        a transaction decides with what it has after this long (→ LOW_DATA / NO_DATA)
 * @param maxPerCall       transactions per call; more are refused with a reason
 * @param claimAttributes  Genesys participant attributes that carry a claimed customer id (priority order)
 * @param useAni           whether the caller's number (E.164) is a claimed identity
 * @param defaultRegion    ISO region for national-format numbers
 * @param blocklistId      the watchlist that "report fraud" adds to
 */
public record TransactionsSection(String autoStart, Duration netSpeech, Duration maxListen, Integer maxPerCall,
                                  List<String> claimAttributes, Boolean useAni, String defaultRegion, String blocklistId) {
    public TransactionsSection {
        autoStart = autoStart == null ? "verify" : autoStart.toLowerCase(Locale.ROOT);
        if (!List.of("verify", "identify", "none").contains(autoStart)) {
            throw ConfigException.invalid("transactions.autoStart", autoStart, "verify | identify | none");
        }
        netSpeech = Checks.positive("transactions.netSpeech", netSpeech, Duration.ofSeconds(8));
        maxListen = Checks.positive("transactions.maxListen", maxListen, Duration.ofSeconds(30));
        if (maxListen.compareTo(netSpeech) < 0) {
            throw ConfigException.invalid("transactions.maxListen", Durations.format(maxListen),
                    ">= transactions.netSpeech (" + Durations.format(netSpeech) + ")");
        }
        maxPerCall = Checks.positive("transactions.maxPerCall", maxPerCall, 10);
        claimAttributes = claimAttributes == null ? List.of("customerId") : List.copyOf(claimAttributes);
        useAni = useAni == null || useAni;
        defaultRegion = defaultRegion == null ? "US" : defaultRegion.toUpperCase(Locale.ROOT);
        blocklistId = blocklistId == null ? "fraud" : blocklistId;
    }
}
