// The browser entry: the publishable-key widget calls, which carry only `X-Partner-Key: pk_…` and never a secret,
// and the WebCrypto signer (for tools such as the API explorer; a partner's secret key and hmacSecret belong on its
// server, never in a browser it ships).
import { SirApiError } from './errors.js';
import type { PartnerConfig } from './types.js';

export { SirApiError } from './errors.js';
export type { FieldError } from './errors.js';
export { bodyBytes, hmacSha256Hex, sha256Hex, signRequest, signedHeaders } from './web-signing.js';
export type { PartnerConfig } from './types.js';

export interface SirWidgetClientOptions {
  /** Where the API is, e.g. `https://api.sirgiving.org`. */
  baseUrl: string;
  /** `pk_test_…` or `pk_live_…`. */
  publishableKey: string;
  fetch?: typeof fetch;
}

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
    return this.get<PartnerConfig>('/v1/partner/config');
  }

  private async get<B>(path: string): Promise<B> {
    const response = await this.fetchImpl(this.baseUrl + path, {
      method: 'GET',
      headers: { Accept: 'application/json', 'X-Partner-Key': this.publishableKey },
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      throw new SirApiError(response.status, body !== null && typeof body === 'object' ? body : {}, response.headers);
    }
    return body as B;
  }
}
