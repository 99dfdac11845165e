package org.sirgiving.rewards;

import org.sirgiving.testinfra.architecture.ServiceArchitectureRules;

/** rewards-service keeps the layers every service keeps (the rules and why: ServiceArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureRules {
    ArchitectureTest() {
        super("org.sirgiving.rewards");
    }
}
