package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.protocol.Inbound.CommandRequest;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the shape of a command (before authorisation). Refusal reasons never echo a claimed id.
 * Stateless and thread-safe.
 */
final class CommandValidator {

    /** Either a valid command or a refusal reason. */
    record Validation(AgentCommand command, CommandType type, String refusal) {
    }

    static final int MAX_CLAIMED_ID = 64;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String COMMANDS = Arrays.stream(CommandType.values()).map(Enum::name)
            .collect(Collectors.joining("|"));

    private CommandValidator() {
    }

    static Validation validate(CommandRequest req) {
        if (req.requestId() == null || !REQUEST_ID.matcher(req.requestId()).matches()) {
            return refuse(null, "requestId: " + (req.requestId() == null ? "missing" : "invalid")
                    + " (expected: 1..64 characters of A-Z a-z 0-9 . _ : -)");
        }
        CommandType type = parseType(req.command());
        if (type == null) {
            return refuse(null, "command: '" + abbreviate(req.command()) + "' (expected: " + COMMANDS + ")");
        }
        if (req.conversationId() == null || !CONVERSATION_ID.matcher(req.conversationId()).matches()) {
            return refuse(type, "conversationId: " + (req.conversationId() == null ? "missing" : "invalid")
                    + " (expected: 1..128 characters of A-Z a-z 0-9 . _ : -)");
        }
        if (type == CommandType.ENROLL && !req.consent()) {
            return refuse(type, "ENROLL requires consent: true (the caller's explicit consent to enrollment)");
        }
        String claimed = null;
        if (type == CommandType.SET_CLAIMED_ID) {
            claimed = req.claimedId() == null ? "" : req.claimedId().strip();
            if (claimed.isEmpty() || claimed.length() > MAX_CLAIMED_ID || claimed.chars().anyMatch(Character::isISOControl)) {
                return refuse(type, "SET_CLAIMED_ID requires claimedId (1.." + MAX_CLAIMED_ID
                        + " printable characters)");
            }
        }
        return new Validation(new AgentCommand(req.requestId(), type, req.conversationId(), req.consent(), claimed),
                type, null);
    }

    private static CommandType parseType(String name) {
        if (name == null) {
            return null;
        }
        try {
            return CommandType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }

    private static Validation refuse(CommandType type, String reason) {
        return new Validation(null, type, reason);
    }
}
