package org.sirgiving.actions.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.service.ActionQuery;
import org.sirgiving.actions.service.ActionService;
import org.sirgiving.actions.service.Submission;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;

/** Action ingestion and reads (contract section 4). */
@Path("/v1/partner/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actions")
public class ActionsResource {
    private final ActionService actions;
    private final PartnerContext partner;

    public ActionsResource(ActionService actions, PartnerContext partner) {
        this.actions = actions;
        this.partner = partner;
    }

    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    public Uni<Response> submit(@Valid @NotNull SubmitActionRequest request, RoutingContext rc) {
        String requestHash = RequestFingerprint.of(rc.body().buffer().getBytes());
        return actions.submit(partner.requireFeature("ACTIONS"), request, requestHash, RequestIds.of(rc))
                .map(ActionsResource::answer);
    }

    @GET
    @Path("/{actionId}")
    @SignedAuth
    public Uni<ActionView> get(@PathParam("actionId") String actionId) {
        return actions.get(partner.partner(), actionId).map(ActionView::of);
    }

    @GET
    @SignedAuth
    public Uni<ActionPage> list(
            @QueryParam("status") String status,
            @QueryParam("actionType") String actionType,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        ActionQuery query = ActionQuery.parse(status, actionType, from, to, cursor, limit);
        // One row more than the page tells whether another page follows.
        return actions.list(partner.partner(), query).map(rows -> {
            boolean more = rows.size() > query.limit();
            List<Action> page = more ? rows.subList(0, query.limit()) : rows;
            Action last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new ActionPage(
                    page.stream().map(ActionView::of).toList(),
                    more ? ActionQuery.cursorOf(last.createdAt, last.id) : null,
                    more);
        });
    }

    /** Undoes the reward: 200 REVERSED (also when it already was), 202 while rewards-service works on it. */
    @POST
    @Path("/{actionId}/reverse")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    public Uni<Response> reverse(
            @PathParam("actionId") String actionId, @Valid @NotNull ReverseActionRequest request, RoutingContext rc) {
        return actions.reverse(
                        partner.requireFeature("ACTIONS"),
                        actionId,
                        request.reason(),
                        request.idempotencyKey(),
                        RequestIds.of(rc))
                .map(s -> {
                    ActionView view = ActionView.of(s.action());
                    if (s.replayed()) {
                        return Response.ok(view).build();
                    }
                    if (s.outcome() != null && s.outcome().status() == OutcomeStatus.REVERSED) {
                        return Response.ok(view.decidedBy(s.outcome())).build();
                    }
                    return Response.accepted(view).build();
                });
    }

    /** 200 decided, 202 still pending, 409 replay, 402/422 refused (the action is in {@code result}). */
    static Response answer(Submission s) {
        ActionView view = ActionView.of(s.action());
        if (s.replayed()) {
            throw ApiException.replayed("action", view);
        }
        ActionOutcome o = s.outcome();
        if (o == null) {
            return Response.accepted(view).build();
        }
        ActionView decided = view.decidedBy(o);
        if (o.status() == OutcomeStatus.COMPLETED) {
            return Response.ok(decided).build();
        }
        ErrorCode code = o.failureCode() == FailureCode.INSUFFICIENT_POOL
                ? ErrorCode.INSUFFICIENT_POOL
                : o.failureCode() == FailureCode.USER_NOT_FOUND ? ErrorCode.USER_NOT_FOUND : ErrorCode.UNPROCESSABLE;
        throw new ApiException(
                code, o.failureMessage() != null ? o.failureMessage() : "The action was not rewarded", null, decided);
    }
}
