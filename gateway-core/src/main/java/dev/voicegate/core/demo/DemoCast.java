package dev.voicegate.core.demo;

import dev.voicegate.core.identity.Biokey;

import java.util.List;

/**
 * Who is in the demo: the agents of the simulated contact centre and the people who call it. Each
 * caller speaks bundled clips ({@link DemoClips}); the story each one tells is in {@link Role}.
 */
public final class DemoCast {

    /** The Genesys group whose members VoiceGate monitors in the demo. */
    public static final String MONITORED_GROUP = "demo-agents";
    /** The attribute the (simulated) IVR sets with the customer id the caller typed in. */
    public static final String CUSTOMER_ID_ATTRIBUTE = "customerId";
    /** Who the demo's own actions (enrollment at start, blocklist) are recorded as in the audit trail. */
    public static final String DEMO_OPERATOR = "voicegate-demo";

    private DemoCast() {
    }

    /** An agent of the simulated organisation. */
    public record Agent(String userId, String name, boolean monitored) {
    }

    /** What a caller is there to show. */
    public enum Role {
        /** Enrolled at demo start; claims their own customer id; verify → TRUE_*. */
        ENROLLED,
        /** On the blocklist; claims an enrolled customer's id; blocklist alert. */
        FRAUDSTER,
        /** Enrolled; hands the phone to someone else mid-call; speaker-change alert vetoes → not authenticated. */
        HANDED_OVER,
        /** Plays a recording of an enrolled customer's earlier call; the voice matches, the replay alert vetoes it. */
        REPLAYED,
        /** Unknown; identify → NO_USER_FOUND; gives the agent their account number, consents, and is enrolled. */
        NEW_CALLER,
        /** Calls an agent VoiceGate does not monitor; the gate disconnects the stream. */
        UNMONITORED
    }

    /**
     * A caller.
     *
     * @param name       display name (used in the demo log only; the gateway never sees it)
     * @param role       what the call shows
     * @param clips      the clips spoken in order (customer channel)
     * @param customerId the customer id the IVR collects (a new caller has none in the IVR: it is the
     *                   account number they give the agent when asked), or null
     * @param ani        the caller's number (fictional: the 555-01xx range)
     */
    public record Caller(String name, Role role, List<String> clips, String customerId, String ani) {
        public Caller {
            clips = List.copyOf(clips);
        }
    }

    /** What to watch for, one line per caller (printed when the demo starts). */
    public static final List<String> STORY = List.of(
            "Olivia, Marcus    enrolled customers; the IVR collected their customer id → VERIFY → TRUE_HIGH, Authenticated",
            "\"Marcus\" (2nd)   a fraudster on the blocklist using Marcus's customer id → FALSE_HIGH + BLOCKLIST_MATCH alert",
            "Priya             enrolled; hands the phone to her brother mid-call → SPEAKER_CHANGED alert → Not authenticated (BioDecision=VETOED)",
            "\"Olivia\" (replay) a recording of Olivia's earlier call → the voice matches, SPOOF_SUSPECTED vetoes it → Not authenticated",
            "Hannah, Callum    new callers → IDENTIFY → NO_USER_FOUND; the agent enters their account number and, with",
            "                  consent, ENROLLs them (stored when the call ends; when they call again: FOUND_ONE)",
            "sales caller      answered by Sam, who is not in '" + MONITORED_GROUP + "' → the gate disconnects the stream");

    /** A voice enrolled (or blocklisted) when the demo starts, from its own enrollment clip. */
    public record Enrollment(String who, String clip, String biokeyOrFraudsterId, boolean fraudster) {
    }

    /**
     * An earlier call of an enrolled customer, verified when the demo starts: the engine keeps its audio
     * fingerprint (never the audio) and flags the same recording played again as a replay.
     */
    public record EarlierCall(String who, String clip, String biokey) {
    }

    public static final List<Agent> AGENTS = List.of(
            new Agent("a1c0ffee-0000-4000-8000-000000000001", "Alice Moreau", true),
            new Agent("a1c0ffee-0000-4000-8000-000000000002", "Ben Okafor", true),
            new Agent("a1c0ffee-0000-4000-8000-000000000003", "Chloe Tanaka", true),
            new Agent("a1c0ffee-0000-4000-8000-000000000004", "Dev Malhotra", true),
            new Agent("a1c0ffee-0000-4000-8000-000000000005", "Eva Lindqvist", true),
            new Agent("a1c0ffee-0000-4000-8000-000000000006", "Farah Haddad", true),
            new Agent("a1c0ffee-0000-4000-8000-000000000007", "Sam Ortiz (sales)", false),
            new Agent("a1c0ffee-0000-4000-8000-000000000008", "Grace Kim", true));

    public static final List<Caller> CALLERS = List.of(
            new Caller("Hannah (new caller)", Role.NEW_CALLER, List.of("call-newcaller-1"), "C-2041", "+15555550141"),
            new Caller("Priya Shah", Role.HANDED_OVER, List.of("call-priya-a", "call-priya-b"), "C-1003", "+15555550103"),
            new Caller("someone claiming to be Marcus", Role.FRAUDSTER, List.of("call-fraudster"), "C-1002", "+15555550166"),
            new Caller("Olivia Bennett", Role.ENROLLED, List.of("call-olivia"), "C-1001", "+15555550101"),
            new Caller("a sales caller", Role.UNMONITORED, List.of("call-unmonitored"), null, "+15555550177"),
            new Caller("Marcus Reid", Role.ENROLLED, List.of("call-marcus"), "C-1002", "+15555550102"),
            new Caller("Callum (new caller)", Role.NEW_CALLER, List.of("call-newcaller-2"), "C-2042", "+15555550142"),
            new Caller("someone replaying Olivia's recorded call", Role.REPLAYED, List.of("enroll-olivia"), "C-1001", "+15555550188"));

    /** Olivia's earlier call (the recording the replaying caller plays), verified at demo start. */
    public static final List<EarlierCall> EARLIER_CALLS = List.of(
            new EarlierCall("Olivia Bennett", "enroll-olivia", customerBiokey("C-1001")));

    public static final List<Enrollment> ENROLLMENTS = List.of(
            new Enrollment("Olivia Bennett", "enroll-olivia", customerBiokey("C-1001"), false),
            new Enrollment("Marcus Reid", "enroll-marcus", customerBiokey("C-1002"), false),
            new Enrollment("Priya Shah", "enroll-priya", customerBiokey("C-1003"), false),
            new Enrollment("a known fraudster", "enroll-fraudster", "fraudster-0007", true));

    /** The stored biokey of a customer id (as the gateway derives it from the IVR attribute). */
    public static String customerBiokey(String customerId) {
        return new Biokey(Biokey.Kind.CUSTOMER, customerId).key();
    }
}
