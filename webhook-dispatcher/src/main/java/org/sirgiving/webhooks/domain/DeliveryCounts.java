package org.sirgiving.webhooks.domain;

/**
 * A partner's deliveries for the dashboard (docs/partner-api.md section 5): {@code delivered} (SUCCEEDED) and
 * {@code failed} (FAILED or EXHAUSTED) among those decided in a period, and {@code pending} (PENDING or SENDING) now.
 * rewards-service reads them from {@code /internal/v1/delivery-stats}; this record is that answer.
 */
public record DeliveryCounts(long delivered, long failed, long pending) {}
