import { randomUUID } from 'node:crypto';
import { SirApiError } from './errors.js';
import { bodyHash, signRequest } from './signing.js';
import type * as T from './types.js';

export interface SirClientOptions {
  /** Where the API is, e.g. `https://api.sirgiving.org` or the local run's gateway `http://localhost:8080`. */
  baseUrl: string;
  /** `sk_test_…`/`sk_live_…` for writes; a `pk_…` reads what the HMAC read surface allows. */
  partnerKey: string;
  /** The key pair's `hmacSecret`, shown once when the key was issued. */
  hmacSecret: string;
  /** Retries after the first try, for requests that are safe to send again (default 4). */
  maxRetries?: number;
  /** The longest wait before a retry; a `Retry-After` longer than this ends the retries (default 30 000 ms). */
  maxRetryDelayMs?: number;
  /** First backoff step when the answer names no `Retry-After` (default 250 ms; doubled per retry, with jitter). */
  retryBaseDelayMs?: number;
  /** Per-attempt timeout (default 30 000 ms). */
  timeoutMs?: number;
  /** The fetch to use (default the global one, Node 18+). */
  fetch?: typeof fetch;
  /** Wall clock in ms, for X-Timestamp (default Date.now). */
  now?: () => number;
  /** How to wait between retries (default setTimeout); tests pass their own. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Sent as JSON; the bytes are encoded once, so every retry sends and signs exactly the same bytes. */
  body?: unknown;
  /** `Idempotency-Key` header (creates). */
  idempotencyKey?: string;
  /**
   * Whether sending the request twice has no second effect (reads, submit and reverse by their `idempotencyKey`,
   * creates with an `Idempotency-Key`): only such requests are retried after a network error, a 5xx or a 409
   * `IDEMPOTENCY_IN_PROGRESS`. Default: true for GET.
   */
  retrySafe?: boolean;
}

export interface ApiResponse<B> {
  /** 200, 201, 202, 204; or 409 when `replayed` (the original result of an idempotent request). */
  status: number;
  body: B;
  /** True when the API answered 409 `IDEMPOTENT`: `body` is the original request's result. */
  replayed: boolean;
  requestId: string | undefined;
  headers: Headers;
}

/** What submit and reverse answer: the action, whether it was decided (200) or is still pending (202), or replayed. */
export interface ActionResult {
  action: T.Action;
  /** 200 decided, 202 accepted and pending (the outcome comes by webhook and `getAction`), 409 replayed. */
  status: 200 | 202 | 409;
  replayed: boolean;
  requestId: string | undefined;
}

const SIGNED_TIMESTAMP_MEMORY_S = 2;

/**
 * A client of the Partner API that signs every request (docs/partner-api.md section 3) and retries what is safe to
 * retry. Each attempt is signed anew with a fresh `X-Timestamp` over the same body bytes: the API refuses a mutating
 * request sent again with the same signature (409 `REQUEST_REPLAYED`).
 */
export class SirClient {
  private readonly baseUrl: string;
  private readonly options: Required<Omit<SirClientOptions, 'baseUrl'>>;
  /** Last X-Timestamp per mutating request (method, path, body), so that no two sends share a signature. */
  private readonly lastSigned = new Map<string, number>();

  constructor(options: SirClientOptions) {
    if (!options.hmacSecret) throw new TypeError('hmacSecret is required: every partner request is signed');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.options = {
      partnerKey: options.partnerKey,
      hmacSecret: options.hmacSecret,
      maxRetries: options.maxRetries ?? 4,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
      timeoutMs: options.timeoutMs ?? 30_000,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  // ---- Actions (section 4) ----

  /**
   * Submits an action, idempotently by its `idempotencyKey`: retried with the same key and bytes after network
   * errors, 429, 503 and 409 `IDEMPOTENCY_IN_PROGRESS` (honouring `Retry-After`); a 409 `IDEMPOTENT` gives back the
   * original result. 402 `INSUFFICIENT_POOL` and 422 throw a {@link SirApiError} whose `result` is the refused action.
   */
  async submitAction(action: T.SubmitActionRequest): Promise<ActionResult> {
    return this.actionResult(
      await this.request<T.Action>('POST', '/v1/partner/actions/submit', { body: action, retrySafe: true }),
    );
  }

  async getAction(actionId: string): Promise<T.Action> {
    return (await this.request<T.Action>('GET', `/v1/partner/actions/${seg(actionId)}`)).body;
  }

  async listActions(query: T.ListActionsQuery = {} as T.ListActionsQuery): Promise<T.ActionPage> {
    return (await this.request<T.ActionPage>('GET', '/v1/partner/actions', { query: query as QueryRecord })).body;
  }

  /** Reverses an action, idempotently by the body's `idempotencyKey` (retried as submit is). */
  async reverseAction(actionId: string, reversal: T.ReverseActionRequest): Promise<ActionResult> {
    return this.actionResult(
      await this.request<T.Action>('POST', `/v1/partner/actions/${seg(actionId)}/reverse`, {
        body: reversal,
        retrySafe: true,
      }),
    );
  }

  // ---- Users (section 5) ----

  async listUsers(query: T.PageQuery = {}): Promise<T.UserPage> {
    return (await this.request<T.UserPage>('GET', '/v1/partner/users', { query: { ...query } })).body;
  }

  /** Creates a user under an `Idempotency-Key` (a new one unless given), so that retries answer the original. */
  async createUser(user: T.CreateUserRequest, options: { idempotencyKey?: string } = {}): Promise<T.User> {
    return (await this.create<T.User>('/v1/partner/users', user, options.idempotencyKey)).body;
  }

  async getUser(externalId: string): Promise<T.User> {
    return (await this.request<T.User>('GET', `/v1/partner/users/${seg(externalId)}`)).body;
  }

  async updateUser(externalId: string, changes: T.UpdateUserRequest): Promise<T.User> {
    return (await this.request<T.User>('PATCH', `/v1/partner/users/${seg(externalId)}`, { body: changes })).body;
  }

  async getUserBalance(externalId: string): Promise<T.UserBalance> {
    return (await this.request<T.UserBalance>('GET', `/v1/partner/users/${seg(externalId)}/balance`)).body;
  }

  async listUserTransactions(externalId: string, query: T.PageQuery = {}): Promise<T.TransactionPage> {
    const path = `/v1/partner/users/${seg(externalId)}/transactions`;
    return (await this.request<T.TransactionPage>('GET', path, { query: { ...query } })).body;
  }

  // ---- Token pools (section 5) ----

  async listTokenPools(query: T.PageQuery = {}): Promise<T.TokenPoolPage> {
    return (await this.request<T.TokenPoolPage>('GET', '/v1/partner/token-pools', { query: { ...query } })).body;
  }

  async getTokenPool(poolId: string): Promise<T.TokenPool> {
    return (await this.request<T.TokenPool>('GET', `/v1/partner/token-pools/${seg(poolId)}`)).body;
  }

  async listTokenPoolLedger(poolId: string, query: T.PageQuery = {}): Promise<T.LedgerPage> {
    const path = `/v1/partner/token-pools/${seg(poolId)}/ledger`;
    return (await this.request<T.LedgerPage>('GET', path, { query: { ...query } })).body;
  }

  /** Asks for more tokens (an operator approves); under an `Idempotency-Key` as every create. */
  async requestTokenAllocation(request: T.AllocationRequest, options: { idempotencyKey?: string } = {}) {
    return (await this.create<unknown>('/v1/partner/token-pools/request', request, options.idempotencyKey)).body;
  }

  async listTokenAllocationRequests(query: T.PageQuery = {}): Promise<T.AllocationRequestPage> {
    const path = '/v1/partner/token-pools/requests';
    return (await this.request<T.AllocationRequestPage>('GET', path, { query: { ...query } })).body;
  }

  // ---- Campaigns (section 5) ----

  async listCampaigns(query: T.ListCampaignsQuery = {} as T.ListCampaignsQuery): Promise<T.CampaignPage> {
    return (await this.request<T.CampaignPage>('GET', '/v1/partner/campaigns', { query: query as QueryRecord }))
      .body;
  }

  async createCampaign(campaign: T.CreateCampaignRequest, options: { idempotencyKey?: string } = {}) {
    return (await this.create<T.Campaign>('/v1/partner/campaigns', campaign, options.idempotencyKey)).body;
  }

  async getCampaign(campaignId: string): Promise<T.Campaign> {
    return (await this.request<T.Campaign>('GET', `/v1/partner/campaigns/${seg(campaignId)}`)).body;
  }

  async updateCampaign(campaignId: string, changes: T.UpdateCampaignRequest): Promise<T.Campaign> {
    const path = `/v1/partner/campaigns/${seg(campaignId)}`;
    return (await this.request<T.Campaign>('PATCH', path, { body: changes })).body;
  }

  async deleteCampaign(campaignId: string): Promise<void> {
    await this.request<void>('DELETE', `/v1/partner/campaigns/${seg(campaignId)}`);
  }

  // ---- Webhook endpoints (section 6) ----

  /** Registers an endpoint; the answer carries its `whsec_` secret, shown this once. */
  async createWebhookEndpoint(endpoint: T.CreateWebhookEndpointRequest, options: { idempotencyKey?: string } = {}) {
    return (await this.create<T.IssuedWebhookEndpoint>('/v1/partner/webhooks', endpoint, options.idempotencyKey))
      .body;
  }

  async listWebhookEndpoints(query: T.PageQuery = {}): Promise<T.WebhookEndpointPage> {
    return (await this.request<T.WebhookEndpointPage>('GET', '/v1/partner/webhooks', { query: { ...query } })).body;
  }

  async getWebhookEndpoint(endpointId: string): Promise<T.WebhookEndpoint> {
    return (await this.request<T.WebhookEndpoint>('GET', `/v1/partner/webhooks/${seg(endpointId)}`)).body;
  }

  async updateWebhookEndpoint(
    endpointId: string,
    changes: T.UpdateWebhookEndpointRequest,
  ): Promise<T.WebhookEndpoint> {
    const path = `/v1/partner/webhooks/${seg(endpointId)}`;
    return (await this.request<T.WebhookEndpoint>('PATCH', path, { body: changes })).body;
  }

  async deleteWebhookEndpoint(endpointId: string): Promise<void> {
    await this.request<void>('DELETE', `/v1/partner/webhooks/${seg(endpointId)}`);
  }

  /** A new secret (shown once); the old one keeps working for 24 hours while deliveries are signed with both. */
  async rotateWebhookSecret(endpointId: string): Promise<T.IssuedWebhookEndpoint> {
    const path = `/v1/partner/webhooks/${seg(endpointId)}/rotate-secret`;
    return (await this.request<T.IssuedWebhookEndpoint>('POST', path)).body;
  }

  async revealWebhookSecret(endpointId: string): Promise<T.IssuedWebhookEndpoint> {
    const path = `/v1/partner/webhooks/${seg(endpointId)}/reveal-secret`;
    return (await this.request<T.IssuedWebhookEndpoint>('POST', path)).body;
  }

  async sendTestWebhook(endpointId: string): Promise<T.WebhookDelivery> {
    return (await this.request<T.WebhookDelivery>('POST', `/v1/partner/webhooks/${seg(endpointId)}/test`)).body;
  }

  async listWebhookDeliveries(endpointId: string, query: T.PageQuery = {}): Promise<T.WebhookDeliveryPage> {
    const path = `/v1/partner/webhooks/${seg(endpointId)}/deliveries`;
    return (await this.request<T.WebhookDeliveryPage>('GET', path, { query: { ...query } })).body;
  }

  async redeliverWebhook(deliveryId: string): Promise<T.WebhookDelivery> {
    const path = `/v1/partner/webhooks/deliveries/${seg(deliveryId)}/redeliver`;
    return (await this.request<T.WebhookDelivery>('POST', path)).body;
  }

  // ---- Donations (section 7; docs/partners/donations.md) ----

  /** The nonprofit a donation link would name, by its slug (404 `NOT_FOUND` when there is none). */
  async getOrganization(slug: string): Promise<T.Organization> {
    return (await this.request<T.Organization>('GET', `/v1/partner/organizations/${seg(slug)}`)).body;
  }

  /** `ACTIVE` nonprofits whose name or slug contains `query` (any case; all without it), by name, a page at a time. */
  async searchOrganizations(
    query: T.SearchOrganizationsQuery = {} as T.SearchOrganizationsQuery,
  ): Promise<T.OrganizationPage> {
    const q = query as QueryRecord;
    return (await this.request<T.OrganizationPage>('GET', '/v1/partner/organizations', { query: q })).body;
  }

  /**
   * Creates a donation and the link to send the donor to, under an `Idempotency-Key` (a new one unless given: pass
   * your checkout's id so that a later try makes no second donation). A replay (409 `IDEMPOTENT`) is the original link.
   */
  async createDonationLink(
    link: T.CreateDonationLinkRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<T.DonationLink> {
    return (await this.create<T.DonationLink>('/v1/partner/donations/create-link', link, options.idempotencyKey)).body;
  }

  /** The donation as it is now: its status, each charge and each charge's reward. */
  async getDonationStatus(partnerDonationId: string): Promise<T.Donation> {
    const path = `/v1/partner/donations/status/${seg(partnerDonationId)}`;
    return (await this.request<T.Donation>('GET', path)).body;
  }

  // ---- Dashboard, widget configuration ----

  /** `from`/`to`: ISO-8601 instants or dates (`to` as a date includes that day); default the last 30 days. */
  async getDashboard(query: T.DashboardQuery = {} as T.DashboardQuery): Promise<T.Dashboard> {
    return (await this.request<T.Dashboard>('GET', '/v1/partner/dashboard', { query: query as QueryRecord })).body;
  }

  async getPartnerConfig(): Promise<T.PartnerConfig> {
    return (await this.request<T.PartnerConfig>('GET', '/v1/partner/config')).body;
  }

  /** The widget settings (tip, allowed browser origins) of this key's environment; needs the secret key. */
  async updatePartnerConfig(patch: T.UpdatePartnerConfigRequest): Promise<T.PartnerConfig> {
    return (await this.request<T.PartnerConfig>('PATCH', '/v1/partner/config', { body: patch })).body;
  }

  // ---- The transport ----

  /** Any signed call: for operations this client has no method for yet. */
  async request<B>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<B>> {
    const verb = method.toUpperCase();
    const pathWithQuery = path + queryString(options.query);
    const bytes = options.body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(options.body));
    const retrySafe = options.retrySafe ?? (verb === 'GET' || verb === 'HEAD');
    const { maxRetries } = this.options;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        Accept: 'application/json',
        ...this.signatureHeaders(verb, pathWithQuery, bytes),
      };
      if (bytes !== undefined) headers['Content-Type'] = 'application/json';
      if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
      let response: Response;
      try {
        response = await this.options.fetch(this.baseUrl + pathWithQuery, {
          method: verb,
          headers,
          body: bytes,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (networkError) {
        // Nothing is known about whether it arrived: only a request that is safe to send twice goes again.
        if (!retrySafe || attempt >= maxRetries) throw networkError;
        await this.options.sleep(this.backoff(attempt));
        continue;
      }
      const text = await response.text();
      const parsed = parseJson(text);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (response.ok) {
        return { status: response.status, body: parsed as B, replayed: false, requestId, headers: response.headers };
      }
      const error = new SirApiError(response.status, errorBody(parsed), response.headers);
      if (error.statusCode === 409 && error.code === 'IDEMPOTENT' && error.result !== undefined) {
        return { status: 409, body: error.result as B, replayed: true, requestId, headers: response.headers };
      }
      const delay = attempt < maxRetries ? this.retryDelay(error, retrySafe, attempt) : undefined;
      if (delay === undefined) throw error;
      await this.options.sleep(delay);
    }
  }

  private async create<B>(path: string, body: unknown, idempotencyKey?: string): Promise<ApiResponse<B>> {
    return this.request<B>('POST', path, { body, idempotencyKey: idempotencyKey ?? randomUUID(), retrySafe: true });
  }

  private actionResult(r: ApiResponse<T.Action>): ActionResult {
    return { action: r.body, status: r.status as 200 | 202 | 409, replayed: r.replayed, requestId: r.requestId };
  }

  /** Milliseconds to wait before retrying after this answer, or undefined when it must not be retried. */
  private retryDelay(error: SirApiError, retrySafe: boolean, attempt: number): number | undefined {
    // 429 and 503 say the request was not carried out (section 9: "nothing half-done"): any request may go again.
    const notCarriedOut = error.statusCode === 429 || error.statusCode === 503;
    const safeAgain =
      retrySafe &&
      (error.statusCode === 500 ||
        error.statusCode === 502 ||
        error.statusCode === 504 ||
        (error.statusCode === 409 && error.code === 'IDEMPOTENCY_IN_PROGRESS'));
    if (!notCarriedOut && !safeAgain) return undefined;
    if (error.retryAfter === undefined) return this.backoff(attempt);
    const ms = error.retryAfter * 1000;
    return ms > this.options.maxRetryDelayMs ? undefined : ms;
  }

  /** Exponential backoff with full jitter, capped by maxRetryDelayMs. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxRetryDelayMs, this.options.retryBaseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private signatureHeaders(method: string, pathWithQuery: string, body: Uint8Array | undefined) {
    let timestamp = Math.floor(this.options.now() / 1000);
    if (method !== 'GET' && method !== 'HEAD') {
      // Two identical mutating requests signed in the same second would share a signature, and the second would be
      // refused as a replay (section 3): such a one is signed with the next second.
      const key = `${method} ${pathWithQuery} ${bodyHash(body)}`;
      const last = this.lastSigned.get(key);
      if (last !== undefined && last >= timestamp) timestamp = last + 1;
      for (const [k, t] of this.lastSigned) if (t < timestamp - SIGNED_TIMESTAMP_MEMORY_S) this.lastSigned.delete(k);
      this.lastSigned.set(key, timestamp);
    }
    const s = signRequest({ hmacSecret: this.options.hmacSecret, method, pathWithQuery, body, timestamp });
    return { 'X-Partner-Key': this.options.partnerKey, 'X-Timestamp': s.timestamp, 'X-Signature': s.signature };
  }
}

type QueryRecord = NonNullable<RequestOptions['query']>;

function seg(id: string): string {
  return encodeURIComponent(id);
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.append(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorBody(parsed: unknown): ConstructorParameters<typeof SirApiError>[1] {
  return parsed !== null && typeof parsed === 'object' ? (parsed as ConstructorParameters<typeof SirApiError>[1]) : {};
}
