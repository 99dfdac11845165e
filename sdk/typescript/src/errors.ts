import type { ApiErrorBody, ErrorCode } from './types.js';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error answer of the API (docs/partner-api.md section 9): every field of the JSON error body, the
 * `Retry-After` seconds when the answer carried them, and `result` where the API returns the resource with the error
 * (402 and 422 of a submit carry the failed action; 409 `IDEMPOTENT` the original result, which the client returns
 * instead of throwing).
 */
export class SirApiError extends Error {
  override readonly name = 'SirApiError';
  readonly statusCode: number;
  /** The contract's code; a string the SDK does not know yet stays a string. */
  readonly code: ErrorCode | (string & {});
  readonly requestId: string | undefined;
  readonly details: FieldError[];
  /** Seconds from `Retry-After`, when sent. */
  readonly retryAfter: number | undefined;
  readonly result: unknown;
  readonly headers: Headers;

  constructor(statusCode: number, body: Partial<ApiErrorBody> & { result?: unknown }, headers: Headers) {
    super(body.message ?? `HTTP ${statusCode}`);
    this.statusCode = statusCode;
    this.code = body.code ?? `HTTP_${statusCode}`;
    this.requestId = body.requestId ?? headers.get('x-request-id') ?? undefined;
    this.details = Array.isArray(body.details) ? (body.details as FieldError[]) : [];
    this.retryAfter = parseRetryAfter(headers.get('retry-after'));
    this.result = body.result;
    this.headers = headers;
  }
}

/** Thrown by the webhook verifiers: the delivery must not be trusted (answer it with 400 or 401). */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date (RFC 9110). */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}
