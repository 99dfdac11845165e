// The Node entry (Node 18+): signing on node:crypto, the API client, webhook verification.
export { SirClient } from './client.js';
export type { ActionResult, ApiResponse, RequestOptions, SirClientOptions } from './client.js';
export { SirApiError, WebhookVerificationError, parseRetryAfter } from './errors.js';
export type { FieldError } from './errors.js';
export { bodyHash, signRequest, signedHeaders } from './signing.js';
export type { BodyInput, Signature, SignInput } from './signing.js';
export { verifyStandardWebhook, verifyWebhook } from './webhooks.js';
export type { HeaderSource, VerifyOptions, WebhookEvent } from './webhooks.js';
export type * from './types.js';
