import { createHash, createHmac } from 'node:crypto';

/** A request body as bytes; a string is sent (and signed) as its UTF-8 bytes. */
export type BodyInput = string | Uint8Array | null | undefined;

export interface SignInput {
  /** The key pair's `hmacSecret` (64 hex characters), used as its ASCII bytes. */
  hmacSecret: string;
  method: string;
  /** Path and query exactly as sent, without scheme and host. */
  pathWithQuery: string;
  /** The exact body bytes sent; none signs the empty body. */
  body?: BodyInput;
  /** Unix seconds; defaults to now. */
  timestamp?: string | number;
}

export interface Signature {
  timestamp: string;
  bodyHash: string;
  signature: string;
}

function toBytes(body: BodyInput): Uint8Array {
  if (body === null || body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** Lowercase hex SHA-256 of the raw body bytes (empty body → e3b0c442…b855). */
export function bodyHash(body?: BodyInput): string {
  return createHash('sha256').update(toBytes(body)).digest('hex');
}

/**
 * Signs a request (docs/partner-api.md section 3):
 * X-Signature = hex HMAC-SHA256(hmacSecret, timestamp + METHOD + pathWithQuery + bodyHash).
 */
export function signRequest(input: SignInput): Signature {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const hash = bodyHash(input.body);
  const signature = createHmac('sha256', Buffer.from(input.hmacSecret, 'utf8'))
    .update(timestamp + input.method.toUpperCase() + input.pathWithQuery + hash, 'utf8')
    .digest('hex');
  return { timestamp, bodyHash: hash, signature };
}

/** The three headers of a signed request. */
export function signedHeaders(input: SignInput & { partnerKey: string }): Record<string, string> {
  const s = signRequest(input);
  return { 'X-Partner-Key': input.partnerKey, 'X-Timestamp': s.timestamp, 'X-Signature': s.signature };
}
