// The browser entry: the publishable-key widget calls, which carry only `X-Partner-Key: pk_…` and never a secret,
// and the WebCrypto signer (for tools such as the API explorer; a partner's secret key and hmacSecret belong on its
// server, never in a browser it ships).
import { SirApiError } from './errors.js';
import type {
  CreateDonationLinkRequest,
  Donation,
  DonationLink,
  Organization,
  OrganizationPage,
  PartnerConfig,
  SearchOrganizationsQuery,
} from './types.js';

export { SirApiError } from './errors.js';
export type { FieldError } from './errors.js';
export { bodyBytes, hmacSha256Hex, sha256Hex, signRequest, signedHeaders } from './web-signing.js';
export type {
  CreateDonationLinkRequest,
  Donation,
  DonationLink,
  Organization,
  OrganizationPage,
  PartnerConfig,
  SearchOrganizationsQuery,
} from './types.js';

export interface SirWidgetClientOptions {
  /** Where the API is, e.g. `https://api.sirgiving.org`. */
  baseUrl: string;
  /** `pk_test_…` or `pk_live_…`. */
  publishableKey: string;
  fetch?: typeof fetch;
}

/**
 * The widget surface of docs/partner-api.md section 7 with a publishable key: the configuration, the nonprofit
 * directory, donation links and their status. The page's origin must be in the key environment's `allowedOrigins`
 * (a sandbox key with none allows loopback pages), else 403 `ORIGIN_NOT_ALLOWED`. Nothing is retried: a donor's click
 * is the retry, and a create-link sent again with the same `idempotencyKey` answers the original link.
 */
export class SirWidgetClient {
  private readonly baseUrl: string;
  private readonly publishableKey: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: SirWidgetClientOptions) {
    if (!/^pk_(test|live)_/.test(options.publishableKey)) {
      // A secret key in a page is a leaked secret key: refuse it before it is ever sent.
      throw new TypeError('the widget client takes a publishable key (pk_test_… or pk_live_…) only');
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.publishableKey = options.publishableKey;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** `GET /v1/partner/config`: the partner's widget configuration (docs/partner-api.md section 7). */
  async getConfig(): Promise<PartnerConfig> {
    return this.send<PartnerConfig>('GET', '/v1/partner/config');
  }

  /** `GET /v1/partner/organizations/{slug}`: the nonprofit a donation link would name. */
  async getOrganization(slug: string): Promise<Organization> {
    return this.send<Organization>('GET', `/v1/partner/organizations/${encodeURIComponent(slug)}`);
  }

  /** `GET /v1/partner/organizations`: `ACTIVE` nonprofits whose name or slug contains `query`, for a picker. */
  async searchOrganizations(
    query: SearchOrganizationsQuery = {} as SearchOrganizationsQuery,
  ): Promise<OrganizationPage> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
      if (v !== undefined && v !== null) params.append(k, String(v));
    }
    const q = params.toString();
    return this.send<OrganizationPage>('GET', '/v1/partner/organizations' + (q ? `?${q}` : ''));
  }

  /**
   * `POST /v1/partner/donations/create-link`: the donation and the link to open for the donor. With an
   * `idempotencyKey` (the page's checkout id, say), the same request again answers the original link (409
   * `IDEMPOTENT`, returned here as the link) instead of making a second donation.
   */
  async createDonationLink(
    link: CreateDonationLinkRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<DonationLink> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    return this.send<DonationLink>('POST', '/v1/partner/donations/create-link', JSON.stringify(link), headers);
  }

  /** `GET /v1/partner/donations/status/{partnerDonationId}`: the donation, its charges and their rewards. */
  async getDonationStatus(partnerDonationId: string): Promise<Donation> {
    return this.send<Donation>('GET', `/v1/partner/donations/status/${encodeURIComponent(partnerDonationId)}`);
  }

  private async send<B>(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<B> {
    const response = await this.fetchImpl(this.baseUrl + path, {
      method,
      headers: { Accept: 'application/json', 'X-Partner-Key': this.publishableKey, ...extraHeaders },
      body,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = new SirApiError(
        response.status,
        parsed !== null && typeof parsed === 'object' ? parsed : {},
        response.headers,
      );
      // The original result of an earlier request under the same Idempotency-Key: a success, as SirClient treats it.
      if (error.statusCode === 409 && error.code === 'IDEMPOTENT' && error.result !== undefined) {
        return error.result as B;
      }
      throw error;
    }
    return parsed as B;
  }
}
