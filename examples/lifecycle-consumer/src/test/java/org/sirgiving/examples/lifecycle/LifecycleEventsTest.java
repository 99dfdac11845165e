package org.sirgiving.examples.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleEventsTest {
    private static final String COMPLETED = """
            {"id":"evt_0123456789abcdef0123456789abcdef","type":"action.completed",
             "occurredAt":"2026-12-01T10:00:00.123Z","partnerId":"ptn_0a1b2c","environment":"sandbox",
             "schemaVersion":1,"correlationId":"req-1",
             "data":{"actionId":"act_0a1b2c","idempotencyKey":"k-1","actionType":"PURCHASE","status":"COMPLETED",
                     "tokensDistributed":50,"transactionIds":["txn_ab12"],"attempt":1,"metadata":{"order":"o-9"}}}
            """;

    private final List<String> printed = new ArrayList<>();
    private final LifecycleEvents events = LifecycleConsumer.printing(printed::add);

    @Test
    void anActionOutcomeIsPrintedOnce() {
        assertEquals(LifecycleEvents.Verdict.HANDLED, events.accept(COMPLETED));
        assertEquals(
                List.of("action.completed act_0a1b2c partner=ptn_0a1b2c env=sandbox status=COMPLETED tokens=50"
                        + " event=evt_0123456789abcdef0123456789abcdef"),
                printed);
    }

    @Test
    void aRedeliveredEventIsNotHandledAgain() {
        events.accept(COMPLETED);
        assertEquals(LifecycleEvents.Verdict.DUPLICATE, events.accept(COMPLETED));
        assertEquals(1, printed.size());
    }

    @Test
    void fieldsAndValuesAddedToTheContractLaterAreIgnored() {
        String grown = COMPLETED
                .replace("\"schemaVersion\":1,", "\"schemaVersion\":1,\"traceparent\":\"00-abc-def-01\",")
                .replace("\"attempt\":1,", "\"attempt\":1,\"currencyRate\":{\"EUR\":0.92},")
                .replace("\"PURCHASE\"", "\"FUNDRAISER\"");
        assertEquals(LifecycleEvents.Verdict.HANDLED, events.accept(grown));
        assertEquals(1, printed.size());
    }

    @Test
    void aTypeWithoutHandlerIsSkipped() {
        String unknown =
                COMPLETED.replace("action.completed", "action.escalated").replace("evt_0", "evt_1");
        assertEquals(LifecycleEvents.Verdict.UNKNOWN_TYPE, events.accept(unknown));
        String notActedOn = COMPLETED.replace("action.completed", "transaction.completed");
        assertEquals(LifecycleEvents.Verdict.UNKNOWN_TYPE, events.accept(notActedOn));
        assertEquals(List.of(), printed);
    }

    @Test
    void aRecordThatIsNotAnEventIsSkipped() {
        for (String value : new String[] {null, "", "not json", "[1,2]", "{\"id\":\"evt_1\"}", "{\"id\":"}) {
            assertEquals(LifecycleEvents.Verdict.UNREADABLE, events.accept(value), String.valueOf(value));
        }
        assertEquals(List.of(), printed);
    }

    @Test
    void anotherSchemaVersionIsNotReadAsThisOne() {
        assertEquals(
                LifecycleEvents.Verdict.OTHER_SCHEMA_VERSION,
                events.accept(COMPLETED.replace("\"schemaVersion\":1", "\"schemaVersion\":2")));
        assertEquals(List.of(), printed);
    }

    @Test
    void anEventWhoseHandlerFailedIsHandledWhenItComesAgain() {
        List<String> handled = new ArrayList<>();
        boolean[] fail = {true};
        LifecycleEvents flaky = new LifecycleEvents(10).on("action.completed", e -> {
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            handled.add(e.id());
        });
        assertThrows(IllegalStateException.class, () -> flaky.accept(COMPLETED));
        fail[0] = false;
        assertEquals(LifecycleEvents.Verdict.HANDLED, flaky.accept(COMPLETED));
        assertEquals(List.of("evt_0123456789abcdef0123456789abcdef"), handled);
    }

    @Test
    void onlyTheMostRecentIdsAreRemembered() {
        LifecycleEvents small = new LifecycleEvents(2).on("action.completed", e -> {});
        String first = COMPLETED;
        assertEquals(LifecycleEvents.Verdict.HANDLED, small.accept(first));
        small.accept(first.replace("evt_0", "evt_1"));
        small.accept(first.replace("evt_0", "evt_2"));
        assertEquals(LifecycleEvents.Verdict.HANDLED, small.accept(first), "forgotten after two newer ids");
    }
}
