package org.sirgiving.kernel.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.ApiKeyExpiring;
import org.sirgiving.events.payload.CampaignLifecycle;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.events.payload.TokenPoolBalance;
import org.sirgiving.events.payload.TransactionCompleted;
import org.sirgiving.kernel.errors.ApiError;

/**
 * Types that the events' plain ObjectMapper ({@code EventJson}) reads and writes, which Quarkus cannot discover on its
 * own: registered for reflection so that a native executable serializes them as the JVM does. A new payload record
 * belongs in this list.
 */
@RegisterForReflection(
        targets = {
            EventEnvelope.class,
            ActionOutcome.class,
            ActionSubmitted.class,
            ApiKeyExpiring.class,
            CampaignLifecycle.class,
            CredentialData.class,
            ReversalRequested.class,
            Stakeholder.class,
            TokenPoolBalance.class,
            TransactionCompleted.class,
            ApiError.class,
            ApiError.FieldError.class
        })
public final class NativeReflection {
    private NativeReflection() {}
}
