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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.domain.ActionStatus;
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
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;

/** Action ingestion and reads (docs/partner-api.md section 4). */
@Path("/v1/partner/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Actions",
        description = "Report what your users did; SIR Giving rewards it (docs/partner-api.md section 4).")
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
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY),
            operationId = "submitAction",
            summary = "Submit an action",
            description = """
                    Reports one real-world event (a purchase, a donation, …) to be rewarded. The action is durable once \
                    answered 200 or 202: never lost, never rewarded twice.

                    The answer waits for the reward up to the wait budget (3 s by default): 200 with status \
                    `COMPLETED`, or 202 with status `PENDING` when it is not decided yet; the outcome then arrives by \
                    webhook (`action.completed`, `action.failed`) and by `getAction`.

                    Idempotency: `idempotencyKey` names the event; send the same key with the same body on every \
                    retry. The same key and body again answer 409 `IDEMPOTENT` with the original action in `result` \
                    and `Idempotent-Replayed: true`; while the first request is still being handled, 409 \
                    `IDEMPOTENCY_IN_PROGRESS` with `Retry-After: 1`; the same key with another body, 422 \
                    `IDEMPOTENCY_KEY_REUSED`. A refused action (402 `INSUFFICIENT_POOL`, 422 `USER_NOT_FOUND` or \
                    `UNPROCESSABLE`, the failed action in `result`) does not use up its key: fix the cause (top up the \
                    pool, create the user) and submit the same request again.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubmitActionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "purchase",
                                            summary = "A purchase by one customer, who is created if unknown",
                                            value = SubmitActionRequest.EXAMPLE)))
    @APIResponse(
            responseCode = "200",
            description = "Rewarded within the wait budget: status `COMPLETED`.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActionView.class),
                            examples = @ExampleObject(name = "completed", value = ActionView.EXAMPLE_COMPLETED)))
    @APIResponse(
            responseCode = "202",
            description = "Accepted and durable, the reward not decided within the wait budget: status `PENDING`. The"
                    + " outcome arrives by webhook and by `getAction`.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActionView.class),
                            examples = @ExampleObject(name = "pending", value = ActionView.EXAMPLE_PENDING)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(
            responseCode = "402",
            ref = OpenApiNames.PAYMENT_REQUIRED,
            description = "`INSUFFICIENT_POOL`: the token pool cannot pay the reward; the failed action is in `result`."
                    + " The key is not used up: top up the pool and submit the same request again.")
    @APIResponse(
            responseCode = "409",
            description = "`IDEMPOTENT`: this key and body were answered before; the original action is in `result`,"
                    + " with `Idempotent-Replayed: true`. `IDEMPOTENCY_IN_PROGRESS`: the first request with this key"
                    + " is still being handled; retry after `Retry-After` seconds.",
            headers = {
                @Header(name = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED, ref = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED),
                @Header(name = OpenApiNames.HEADER_RETRY_AFTER, ref = OpenApiNames.HEADER_RETRY_AFTER)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR),
                            examples = {
                                @ExampleObject(name = "idempotent", value = ActionView.EXAMPLE_REPLAYED),
                                @ExampleObject(name = "inProgress", value = ActionView.EXAMPLE_IN_PROGRESS)
                            }))
    @APIResponse(
            responseCode = "422",
            ref = OpenApiNames.UNPROCESSABLE,
            description = "`IDEMPOTENCY_KEY_REUSED`: this key was used with another body. `USER_NOT_FOUND`: a"
                    + " stakeholder is unknown and `autoCreateUsers` is false. `UNPROCESSABLE`: the action cannot be"
                    + " rewarded. For the last two the failed action is in `result`, and the key is not used up.")
    public Uni<Response> submit(
            @Valid @NotNull SubmitActionRequest request, @Parameter(hidden = true) RoutingContext rc) {
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return actions.submit(
                        partner.requireFeature(Feature.ACTIONS), commandOf(request), fingerprint, RequestIds.of(rc))
                .map(s -> s.fold(ActionsResource::replayed, ActionsResource::submitDecided, ActionsResource::pending));
    }

    @GET
    @Path("/{actionId}")
    @SignedAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED),
            operationId = "getAction",
            summary = "Get an action",
            description = "The action as it is now: its status, the tokens it distributed and its transactions.")
    @APIResponse(
            responseCode = "200",
            description = "The action.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<ActionView> get(
            @Parameter(description = "The `actionId` that submit answered.", example = "act_5d41402abc4b2a76b9719d91")
                    @PathParam("actionId")
                    String actionId) {
        return actions.get(partner.partner(), actionId).map(ActionView::of);
    }

    @GET
    @SignedAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED),
            operationId = "listActions",
            summary = "List actions",
            description = "This environment's actions, newest first, a page at a time: pass `nextCursor` as `cursor`"
                    + " for the next (older) page while `hasMore` is true.")
    @APIResponse(
            responseCode = "200",
            description = "One page of actions.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActionPage.class)))
    public Uni<ActionPage> list(
            @Parameter(
                            description = "Only actions in this status.",
                            schema = @Schema(implementation = ActionStatus.class))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Only actions of this type.", schema = @Schema(implementation = ActionType.class))
                    @QueryParam("actionType")
                    String actionType,
            @Parameter(
                            description =
                                    "Only actions created at or after this instant (ISO 8601 date-time, or a date:"
                                            + " its start, UTC).",
                            example = "2026-05-01T00:00:00Z",
                            schema = @Schema(type = SchemaType.STRING))
                    @QueryParam("from")
                    String from,
            @Parameter(
                            description = "Only actions created before this instant (ISO 8601 date-time, or a date: its"
                                    + " end, UTC); after `from`.",
                            example = "2026-06-01T00:00:00Z",
                            schema = @Schema(type = SchemaType.STRING))
                    @QueryParam("to")
                    String to,
            @Parameter(description = "The `nextCursor` of the previous page; opaque.") @QueryParam("cursor")
                    String cursor,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        return actions.list(partner.partner(), ActionListQuery.parse(status, actionType, from, to, cursor, limit))
                .map(ActionsResource::page);
    }

    /** Undoes the reward: 200 REVERSED (also when it already was), 202 while rewards-service works on it. */
    @POST
    @Path("/{actionId}/reverse")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.BODY)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY),
            operationId = "reverseAction",
            summary = "Reverse an action",
            description = """
                    Undoes a `COMPLETED` action's reward (a refund, a cancelled order): the tokens go back to the pool, \
                    the users are debited, the action becomes `REVERSED` and `action.reversed` is sent. Its \
                    `transactionIds` become the reversal's own transactions. Reversing again, with any key, answers \
                    200 with the same result; an action that is not `COMPLETED` answers 409 `CONFLICT`.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReverseActionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "refund",
                                            value =
                                                    "{\"reason\":\"Order refunded\",\"idempotencyKey\":\"refund_98765\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Reversed (now or before): status `REVERSED`.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActionView.class)))
    @APIResponse(
            responseCode = "202",
            description = "The reversal is requested and durable but not done within the wait budget; the action is"
                    + " still `COMPLETED`. `action.reversed` follows by webhook; `getAction` shows `REVERSED` then.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "`CONFLICT`: only a `COMPLETED` action can be reversed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)))
    public Uni<Response> reverse(
            @Parameter(description = "The `actionId` that submit answered.", example = "act_5d41402abc4b2a76b9719d91")
                    @PathParam("actionId")
                    String actionId,
            @Valid @NotNull ReverseActionRequest request,
            @Parameter(hidden = true) RoutingContext rc) {
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
