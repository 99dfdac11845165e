// Types read from the one OpenAPI document (docs/partners/openapi.yaml), generated at build time by
// openapi-typescript into src/generated/openapi.ts. Everything here is looked up by path and method, the contract's
// stable names, so a field renamed in the document breaks this build rather than a partner's.
import type { components, paths } from './generated/openapi.js';

export type { components, paths };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON request body of an operation. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The JSON body of one response status of an operation. */
export type ResponseBody<P extends keyof paths, M extends Method, S extends number> =
  Op<P, M> extends { responses: infer R } ? (S extends keyof R ? JsonOf<R[S]> : never) : never;

/** The query parameters of an operation. */
export type Query<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ApiErrorBody = components['schemas']['ApiError'];
export type ErrorCode = ApiErrorBody['code'];

// Actions
export type SubmitActionRequest = RequestBody<'/v1/partner/actions/submit', 'post'>;
/** The action as answered by submit (200 decided, 202 pending) and by get. */
export type Action = ResponseBody<'/v1/partner/actions/{actionId}', 'get', 200>;
export type ActionPage = ResponseBody<'/v1/partner/actions', 'get', 200>;
export type ListActionsQuery = Query<'/v1/partner/actions', 'get'>;
export type ReverseActionRequest = RequestBody<'/v1/partner/actions/{actionId}/reverse', 'post'>;

// Users
export type User = ResponseBody<'/v1/partner/users/{externalId}', 'get', 200>;
export type UserPage = ResponseBody<'/v1/partner/users', 'get', 200>;
export type CreateUserRequest = RequestBody<'/v1/partner/users', 'post'>;
export type UpdateUserRequest = RequestBody<'/v1/partner/users/{externalId}', 'patch'>;
export type UserBalance = ResponseBody<'/v1/partner/users/{externalId}/balance', 'get', 200>;
export type TransactionPage = ResponseBody<'/v1/partner/users/{externalId}/transactions', 'get', 200>;

// Token pools
export type TokenPool = ResponseBody<'/v1/partner/token-pools/{id}', 'get', 200>;
export type TokenPoolPage = ResponseBody<'/v1/partner/token-pools', 'get', 200>;
export type LedgerPage = ResponseBody<'/v1/partner/token-pools/{id}/ledger', 'get', 200>;
export type AllocationRequest = RequestBody<'/v1/partner/token-pools/request', 'post'>;
export type AllocationRequestPage = ResponseBody<'/v1/partner/token-pools/requests', 'get', 200>;

// Campaigns
export type Campaign = ResponseBody<'/v1/partner/campaigns/{id}', 'get', 200>;
export type CampaignPage = ResponseBody<'/v1/partner/campaigns', 'get', 200>;
export type ListCampaignsQuery = Query<'/v1/partner/campaigns', 'get'>;
export type CreateCampaignRequest = RequestBody<'/v1/partner/campaigns', 'post'>;
export type UpdateCampaignRequest = RequestBody<'/v1/partner/campaigns/{id}', 'patch'>;

// Webhooks
export type WebhookEndpoint = ResponseBody<'/v1/partner/webhooks/{id}', 'get', 200>;
export type WebhookEndpointPage = ResponseBody<'/v1/partner/webhooks', 'get', 200>;
export type CreateWebhookEndpointRequest = RequestBody<'/v1/partner/webhooks', 'post'>;
export type UpdateWebhookEndpointRequest = RequestBody<'/v1/partner/webhooks/{id}', 'patch'>;
/** An endpoint with its `whsec_` secret: the create, rotate-secret and reveal-secret answers. */
export type IssuedWebhookEndpoint = ResponseBody<'/v1/partner/webhooks/{id}/rotate-secret', 'post', 200>;
export type WebhookDeliveryPage = ResponseBody<'/v1/partner/webhooks/{id}/deliveries', 'get', 200>;
export type WebhookDelivery = ResponseBody<'/v1/partner/webhooks/{id}/test', 'post', 202>;

// Donations: the nonprofit directory, donation links and their status (the widget surface: a pk_ alone, or signed)
export type Organization = ResponseBody<'/v1/partner/organizations/{slug}', 'get', 200>;
export type OrganizationPage = ResponseBody<'/v1/partner/organizations', 'get', 200>;
export type SearchOrganizationsQuery = Query<'/v1/partner/organizations', 'get'>;
export type CreateDonationLinkRequest = RequestBody<'/v1/partner/donations/create-link', 'post'>;
export type DonationLink = ResponseBody<'/v1/partner/donations/create-link', 'post', 201>;
/** A donation as its status answers it: status, charges, and each charge's reward. */
export type Donation = ResponseBody<'/v1/partner/donations/status/{partnerDonationId}', 'get', 200>;

// Dashboard and the widget surface
export type Dashboard = ResponseBody<'/v1/partner/dashboard', 'get', 200>;
export type DashboardQuery = Query<'/v1/partner/dashboard', 'get'>;
export type PartnerConfig = ResponseBody<'/v1/partner/config', 'get', 200>;
export type UpdatePartnerConfigRequest = RequestBody<'/v1/partner/config', 'patch'>;

/** Page parameters of every paged list (docs/partner-api.md section 5). */
export interface PageQuery {
  page?: number;
  limit?: number;
}
