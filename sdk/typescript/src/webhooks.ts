// Webhook verification (docs/partner-api.md section 6). Written on node:crypto rather than on the standardwebhooks
// package so that the SDK has no runtime dependency and one set of rules (tolerance, constant-time comparison, raw
// bytes) covers both header styles; the tests check it against that package's own signatures.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from './errors.js';

/** The envelope every delivery carries. */
export interface WebhookEvent<D = Record<string, unknown>> {
  /** `evt_…`: receivers dedupe on it (delivery is at least once). */
  id: string;
  type: string;
  createdAt: string;
  data: D;
}

/** Request headers as Node's IncomingHttpHeaders, a fetch Headers, or a plain record (any case). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** The endpoint's `whsec_…` secret as issued; during a rotation, the new and the old one. */
  secret: string | string[];
  headers: HeaderSource;
  /** The raw body exactly as received, before any JSON parsing. */
  body: string | Uint8Array;
  /** Accepted clock difference in seconds (default 300). */
  toleranceSeconds?: number;
  /** Now, in ms (default Date.now). */
  now?: number;
}

const DEFAULT_TOLERANCE_S = 300;

/**
 * Verifies `X-SIR-Signature: sha256=<hex>` (HMAC-SHA256 keyed by the `whsec_…` string, over timestamp + "." + raw
 * body) and `X-SIR-Timestamp` within the tolerance. The header may list several space-separated signatures (while a
 * secret is rotated, the new one and the old one): one match is enough. Returns the parsed event.
 */
export function verifyWebhook<D = Record<string, unknown>>(options: VerifyOptions): WebhookEvent<D> {
  const timestamp = header(options.headers, 'x-sir-timestamp');
  const signatures = header(options.headers, 'x-sir-signature');
  if (!timestamp || !signatures) throw new WebhookVerificationError('missing X-SIR-Timestamp or X-SIR-Signature');
  checkTimestamp(timestamp, options);
  const body = bytes(options.body);
  const presented = signatures
    .split(' ')
    .filter((s) => s.startsWith('sha256='))
    .map((s) => Buffer.from(s.slice('sha256='.length), 'hex'));
  for (const secret of secrets(options.secret)) {
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(`${timestamp}.`, 'utf8')
      .update(body)
      .digest();
    if (presented.some((p) => equal(p, expected))) return parse<D>(body);
  }
  throw new WebhookVerificationError('no X-SIR-Signature matches');
}

/**
 * Verifies the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …`):
 * HMAC-SHA256 over id + "." + timestamp + "." + raw body, keyed by the base64-decoded part after `whsec_`.
 */
export function verifyStandardWebhook<D = Record<string, unknown>>(options: VerifyOptions): WebhookEvent<D> {
  const id = header(options.headers, 'webhook-id');
  const timestamp = header(options.headers, 'webhook-timestamp');
  const signatures = header(options.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature');
  }
  checkTimestamp(timestamp, options);
  const body = bytes(options.body);
  const presented = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice('v1,'.length), 'base64'));
  for (const secret of secrets(options.secret)) {
    const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(body).digest();
    if (presented.some((p) => equal(p, expected))) return parse<D>(body);
  }
  throw new WebhookVerificationError('no webhook-signature matches');
}

function checkTimestamp(timestamp: string, options: VerifyOptions): void {
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('the timestamp is not Unix seconds');
  const skew = Math.abs((options.now ?? Date.now()) / 1000 - Number(timestamp));
  if (skew > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_S)) {
    throw new WebhookVerificationError('the timestamp is outside the tolerance');
  }
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function secrets(secret: string | string[]): string[] {
  const list = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0 || list.some((s) => !s)) throw new TypeError('a webhook secret is required');
  return list;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(' ') : v;
  }
  return undefined;
}

function bytes(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.length);
}

function parse<D>(body: Buffer): WebhookEvent<D> {
  try {
    return JSON.parse(body.toString('utf8')) as WebhookEvent<D>;
  } catch {
    throw new WebhookVerificationError('the body is not JSON');
  }
}
