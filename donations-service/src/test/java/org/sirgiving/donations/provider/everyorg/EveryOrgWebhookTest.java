package org.sirgiving.donations.provider.everyorg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.provider.NotificationKind;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;

class EveryOrgWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");

    /** The partner webhook's documented fields (docs.every.org, "Partner Webhook"). */
    static String payload(String chargeId, String donation, String amount) {
        return "{\"chargeId\":\"" + chargeId + "\",\"partnerDonationId\":\"" + donation + "\",\"firstName\":\"Grace\","
                + "\"lastName\":\"Hopper\",\"email\":\"grace@example.com\",\"toNonprofit\":{\"slug\":"
                + "\"against-malaria-foundation\",\"ein\":\"203069841\",\"name\":\"Against Malaria Foundation\"},"
                + "\"amount\":\"" + amount
                + "\",\"netAmount\":\"24.10\",\"currency\":\"USD\",\"frequency\":\"One-time\","
                + "\"donationDate\":\"2026-12-02T04:59:00.000Z\",\"paymentMethod\":\"card\"}";
    }

    @Test
    void aCompletedDonationIsAChargeKeyedByEveryOrgsChargeIdInMinorUnits() throws Exception {
        ProviderNotification n = EveryOrgWebhook.toNotification(JSON.readTree(payload("ch_7", "don_42", "25.50")), NOW)
                .orElseThrow();
        assertEquals(
                new ProviderNotification(
                        Provider.EVERY_ORG,
                        "don_42",
                        "ch_7",
                        NotificationKind.CHARGE_SUCCEEDED,
                        "ch_7",
                        2550,
                        "USD",
                        Instant.parse("2026-12-02T04:59:00Z")),
                n);
    }

    @Test
    void aNotificationWithoutOurDonationIdOrAnAmountMapsToNothing() throws Exception {
        assertTrue(EveryOrgWebhook.toNotification(JSON.readTree("{\"chargeId\":\"ch_1\",\"amount\":\"5\"}"), NOW)
                .isEmpty());
        assertTrue(EveryOrgWebhook.toNotification(JSON.readTree(payload("ch_1", "don_1", "five")), NOW)
                .isEmpty());
        assertTrue(EveryOrgWebhook.toNotification(JSON.readTree(payload("ch_1", "don_1", "1.005")), NOW)
                .isEmpty());
    }

    @Test
    void onlyTheRegisteredSecretAuthenticates() {
        assertTrue(EveryOrgWebhook.authentic("s3cret", "s3cret"));
        assertFalse(EveryOrgWebhook.authentic("s3cre", "s3cret"));
        assertFalse(EveryOrgWebhook.authentic(null, "s3cret"));
    }
}
