package org.sirgiving.actions;

import org.sirgiving.testinfra.architecture.ServiceArchitectureRules;

/** actions-service keeps the layers every service keeps (the rules and why: ServiceArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureRules {
    ArchitectureTest() {
        super("org.sirgiving.actions");
    }
}
