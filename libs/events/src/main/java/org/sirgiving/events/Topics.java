package org.sirgiving.events;

import java.util.List;
import java.util.Map;

/** Topic names and settings: the one home of both. Record keys are partner ids, except credentials (key ids). */
public final class Topics {
    /** Compacted snapshot of every API key with its partner's state; key = key id. */
    public static final String CREDENTIALS = "sir.credentials.v1";
    /** Actions accepted by actions-service and reversal requests; key = partner id. */
    public static final String ACTIONS = "sir.actions.v1";
    /** Outcomes and other lifecycle events (published contract, see docs/events); key = partner id. */
    public static final String REWARD_LIFECYCLE = "sir.reward-lifecycle.v1";
    /** Operators' decisions on partners that other services act on (internal, not delivered to partners); key = partner id. */
    public static final String PARTNERS = "sir.partners.v1";

    public static final String DLQ_SUFFIX = ".dlq";

    private static final String WEEK_MS = String.valueOf(7L * 24 * 3600 * 1000);
    private static final String MONTH_MS = String.valueOf(30L * 24 * 3600 * 1000);

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(CREDENTIALS, 3, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
            new TopicSpec(ACTIONS, 6, Map.of("retention.ms", WEEK_MS)),
            new TopicSpec(REWARD_LIFECYCLE, 6, Map.of("retention.ms", WEEK_MS)),
            new TopicSpec(PARTNERS, 3, Map.of("retention.ms", MONTH_MS)),
            new TopicSpec(dlq(CREDENTIALS), 1, Map.of("retention.ms", MONTH_MS)),
            new TopicSpec(dlq(ACTIONS), 1, Map.of("retention.ms", MONTH_MS)),
            new TopicSpec(dlq(REWARD_LIFECYCLE), 1, Map.of("retention.ms", MONTH_MS)),
            new TopicSpec(dlq(PARTNERS), 1, Map.of("retention.ms", MONTH_MS)));

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {}
}
