package org.sirgiving.rewards.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The list envelopes ({@link org.sirgiving.kernel.http.Page}) as the OpenAPI document names them. The generic
 * {@code Page<T>} would be named after the Java type ({@code PagePoolView}); each list's schema needs a clear name of
 * its own, unique across the services' merged document. Documentation only: the answers are {@code Page}s.
 */
final class ListSchemas {
    static final String DESCRIPTION = "One page of a list: `data`, the `page` (from 1) and `limit` (1 to 100) asked"
            + " for, and the `total` number of items in the whole list.";

    @Schema(
            name = "TokenPoolPage",
            description = DESCRIPTION,
            requiredProperties = {"data", "page", "limit", "total"})
    record TokenPoolPage(List<PoolView> data, int page, int limit, long total) {}

    @Schema(
            name = "LedgerEntryPage",
            description = DESCRIPTION,
            requiredProperties = {"data", "page", "limit", "total"})
    record LedgerEntryPage(List<LedgerEntryView> data, int page, int limit, long total) {}

    @Schema(
            name = "AllocationRequestPage",
            description = DESCRIPTION,
            requiredProperties = {"data", "page", "limit", "total"})
    record AllocationRequestPage(List<PoolDtos.AllocationRequestView> data, int page, int limit, long total) {}

    @Schema(
            name = "CampaignPage",
            description = DESCRIPTION,
            requiredProperties = {"data", "page", "limit", "total"})
    record CampaignPage(List<CampaignDtos.CampaignView> data, int page, int limit, long total) {}

    @Schema(
            name = "UserPage",
            description = DESCRIPTION,
            requiredProperties = {"data", "page", "limit", "total"})
    record UserPage(List<UserDtos.UserView> data, int page, int limit, long total) {}

    @Schema(
            name = "TransactionPage",
            description = DESCRIPTION,
            requiredProperties = {"data", "page", "limit", "total"})
    record TransactionPage(List<UserDtos.TransactionView> data, int page, int limit, long total) {}

    private ListSchemas() {}
}
