package org.sirgiving.keys;

import org.sirgiving.testinfra.architecture.ServiceArchitectureRules;

/** keys-service keeps the layers every service keeps (the rules and why: ServiceArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureRules {
    ArchitectureTest() {
        super("org.sirgiving.keys");
    }
}
