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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.actions.domain.FailureCodes;
import org.sirgiving.actions.service.ActionService;
import org.sirgiving.actions.service.Submission;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.errors.ApiException;
import org.sirgiving.partnerauth.errors.ErrorCode;
import org.sirgiving.partnerauth.http.RequestIds;

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
        String requestHash = CanonicalJson.sha256(rc.body().buffer().getBytes());
        return actions.submit(partner.requireFeature("ACTIONS"), request, requestHash, RequestIds.of(rc))
                .map(ActionsResource::answer);
    }

    @GET
    @Path("/{actionId}")
    @SignedAuth
    public Uni<ActionView> get(@PathParam("actionId") String actionId) {
        return actions.get(partner.partner(), actionId).map(ActionView::of);
    }

    /** 200 decided, 202 still pending, 409 replay, 402/422 refused (the action is in {@code result}). */
    static Response answer(Submission s) {
        ActionView view = ActionView.of(s.action());
        if (s.replayed()) {
            throw new ApiException(ErrorCode.IDEMPOTENT, "This idempotencyKey was already used; the original result is in result",
                    null, view).withHeader("Idempotent-Replayed", "true");
        }
        ActionOutcome o = s.outcome();
        if (o == null) {
            return Response.accepted(view).build();
        }
        ActionView decided = new ActionView(view.actionId(), view.idempotencyKey(), o.status(), o.tokensDistributed(),
                o.transactionIds() == null ? java.util.List.of() : o.transactionIds(), view.actionType(), view.amount(),
                view.currency(), view.environment(), o.failureCode(), o.failureMessage(), view.createdAt(), view.updatedAt());
        if (ActionOutcome.COMPLETED.equals(o.status())) {
            return Response.ok(decided).build();
        }
        ErrorCode code = FailureCodes.INSUFFICIENT_POOL.equals(o.failureCode()) ? ErrorCode.INSUFFICIENT_POOL
                : FailureCodes.USER_NOT_FOUND.equals(o.failureCode()) ? ErrorCode.USER_NOT_FOUND : ErrorCode.UNPROCESSABLE;
        throw new ApiException(code, o.failureMessage() != null ? o.failureMessage() : "The action was not rewarded", null, decided);
    }
}
