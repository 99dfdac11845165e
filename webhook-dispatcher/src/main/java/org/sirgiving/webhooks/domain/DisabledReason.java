package org.sirgiving.webhooks.domain;

/**
 * Why an endpoint stopped receiving deliveries (docs/partner-api.md section 6): the closed set behind the
 * {@code disabledReason} text the partner reads, and the last error of the open deliveries the disabling ended.
 */
public enum DisabledReason {
    GONE("The endpoint answered 410 Gone", "The endpoint was disabled: The endpoint answered 410 Gone"),
    FAILING("No successful delivery for 5 days", "The endpoint was disabled: No successful delivery for 5 days"),
    BY_PARTNER("Disabled by the partner", "The endpoint was disabled by the partner"),
    /** Set up from a production request whose webhook URL was refused when the request was approved. */
    TARGET_REFUSED(
            "The webhook URL of the production request was refused when it was approved",
            "The endpoint was disabled: its URL was refused");

    private final String text;
    private final String endedDeliveryError;

    DisabledReason(String text, String endedDeliveryError) {
        this.text = text;
        this.endedDeliveryError = endedDeliveryError;
    }

    /** As stored in {@code disabled_reason} and shown to the partner. */
    public String text() {
        return text;
    }

    /** The last error of a delivery that was still open when the endpoint was disabled. */
    public String endedDeliveryError() {
        return endedDeliveryError;
    }
}
