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
import org.sirgiving.actions.service.ActionService;
import org.sirgiving.actions.service.ActionSlice;
import org.sirgiving.actions.service.ReverseAction;
import org.sirgiving.actions.service.Submission;
import org.sirgiving.actions.service.SubmitAction;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Feature;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;

/** Action ingestion and reads (docs/partner-api.md section 4). */
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

    /** 200 decided, 202 still pending, 409 replay, 402/422 refused (the action is in {@code result}). */
    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.BODY)
    public Uni<Response> submit(@Valid @NotNull SubmitActionRequest request, RoutingContext rc) {
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return actions.submit(
                        partner.requireFeature(Feature.ACTIONS), commandOf(request), fingerprint, RequestIds.of(rc))
                .map(s -> s.fold(ActionsResource::replayed, ActionsResource::submitDecided, ActionsResource::pending));
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
        return actions.list(partner.partner(), ActionListQuery.parse(status, actionType, from, to, cursor, limit))
                .map(ActionsResource::page);
    }

    /** Undoes the reward: 200 REVERSED (also when it already was), 202 while rewards-service works on it. */
    @POST
    @Path("/{actionId}/reverse")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.BODY)
    public Uni<Response> reverse(
            @PathParam("actionId") String actionId, @Valid @NotNull ReverseActionRequest request, RoutingContext rc) {
        ReverseAction command = new ReverseAction(actionId, request.reason(), request.idempotencyKey());
        return actions.reverse(partner.requireFeature(Feature.ACTIONS), command, RequestIds.of(rc))
                .map(s -> s.fold(
                        r -> Response.ok(ActionView.of(r.action())).build(),
                        ActionsResource::reverseDecided,
                        ActionsResource::pending));
    }

    private static SubmitAction commandOf(SubmitActionRequest r) {
        List<Stakeholder> stakeholders = r.stakeholders().stream()
                .map(s -> new Stakeholder(
                        s.stakeholderTypeCode(), s.partnerUserId(), s.userEmail(), s.userFirstName(), s.userLastName()))
                .toList();
        return new SubmitAction(
                r.idempotencyKey(),
                ActionType.valueOf(r.actionType()),
                r.amount(),
                r.currency(),
                stakeholders,
                Boolean.TRUE.equals(r.autoCreateUsers()),
                r.metadata());
    }

    /** 409 IDEMPOTENT with the original in {@code result} and {@code Idempotent-Replayed: true}. */
    private static Response replayed(Submission.Replayed s) {
        throw ApiException.replayed("action", ActionView.of(s.action()));
    }

    private static Response pending(Submission.Pending s) {
        return Response.accepted(ActionView.of(s.action())).build();
    }

    /** 200 COMPLETED; a refusal is an error whose {@code result} is the failed action. */
    private static Response submitDecided(Submission.Decided s) {
        ActionOutcome o = s.outcome();
        ActionView decided = ActionView.of(s.action()).decidedBy(o);
        if (o.status() == OutcomeStatus.COMPLETED) {
            return Response.ok(decided).build();
        }
        String message = o.failureMessage() != null ? o.failureMessage() : "The action was not rewarded";
        throw new ApiException(refusal(o.failureCode()), message, null, decided);
    }

    /** 402 when the pool cannot pay, 422 otherwise (docs/partner-api.md section 4). */
    private static ErrorCode refusal(FailureCode failure) {
        if (failure == null) {
            return ErrorCode.UNPROCESSABLE;
        }
        return switch (failure) {
            case INSUFFICIENT_POOL -> ErrorCode.INSUFFICIENT_POOL;
            case USER_NOT_FOUND -> ErrorCode.USER_NOT_FOUND;
            default -> ErrorCode.UNPROCESSABLE;
        };
    }

    /** A reversal is decided only by {@code action.reversed}: 200 with the REVERSED action. */
    private static Response reverseDecided(Submission.Decided s) {
        return Response.ok(ActionView.of(s.action()).decidedBy(s.outcome())).build();
    }

    private static ActionPage page(ActionSlice slice) {
        List<Action> rows = slice.actions();
        String next = slice.hasMore() ? ActionListQuery.cursorAfter(rows.get(rows.size() - 1)) : null;
        return new ActionPage(rows.stream().map(ActionView::of).toList(), next, slice.hasMore());
    }
}
