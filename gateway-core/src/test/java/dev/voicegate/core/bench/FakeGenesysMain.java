package dev.voicegate.core.bench;

import dev.voicegate.testing.genesys.FakeGenesysCloud;

import java.io.IOException;
import java.io.InputStream;

/**
 * The fake Genesys Cloud as a process of its own, for benchmarks of the real launcher in gated mode
 * ({@code ./voicegate serve} with {@code genesys.apiBaseUrl}/{@code loginBaseUrl} pointing at it): one
 * group with one agent, so the directory loads and every AudioHook stream of another conversation is
 * gated (it stays paused until {@code gating.matchTimeout}). Prints {@code apiBaseUrl=… group=…} and runs
 * until its standard input closes. docs/benchmarks.md, "JVM memory of the shipped launcher".
 */
public final class FakeGenesysMain {
    public static final String GROUP = "6a1c2f0e-6a57-4d71-9c1e-2b8a3f5d7e90";

    private FakeGenesysMain() {
    }

    public static void main(String[] args) throws IOException {
        try (FakeGenesysCloud genesys = FakeGenesysCloud.start()) {
            genesys.addGroupMember(GROUP, genesys.addAgent("Bench Agent"));
            System.out.println("apiBaseUrl=" + genesys.apiBaseUrl() + " group=" + GROUP + " clientId="
                    + FakeGenesysCloud.CLIENT_ID + " clientSecret=" + FakeGenesysCloud.CLIENT_SECRET);
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // runs until stdin closes
            }
        }
    }
}
