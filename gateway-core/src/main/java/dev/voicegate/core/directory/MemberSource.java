package dev.voicegate.core.directory;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where agent membership comes from (Genesys groups and queues, all pages). */
public interface MemberSource {
    /** An agent: the Genesys user id and a display name (names are logged; ids are not personal data). */
    record Member(String userId, String name) {
    }

    CompletionStage<List<Member>> groupMembers(String groupId);

    CompletionStage<List<Member>> queueMembers(String queueId);
}
