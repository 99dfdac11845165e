package org.sirgiving.events;

import java.util.Map;

/** A topic and the settings it is created with (by the local broker, the test broker and Strimzi). */
public record TopicSpec(String name, int partitions, Map<String, String> config) {}
