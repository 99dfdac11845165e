package org.sirgiving.donations;

import org.sirgiving.testinfra.architecture.ServiceArchitectureRules;

/** donations-service keeps the layers every service keeps (the rules and why: ServiceArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureRules {
    ArchitectureTest() {
        super("org.sirgiving.donations");
    }
}
