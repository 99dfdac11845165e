package org.sirgiving.webhooks;

import org.sirgiving.testinfra.architecture.ServiceArchitectureRules;

/** webhook-dispatcher keeps the layers every service keeps (the rules and why: ServiceArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureRules {
    ArchitectureTest() {
        super("org.sirgiving.webhooks");
    }
}
