// The request signer on WebCrypto (docs/partner-api.md section 3), for browsers and any runtime with
// globalThis.crypto.subtle. Plain JavaScript with JSDoc types on purpose: the Swagger UI page at /partner-api loads
// this very file without a build, and the SDK's TypeScript build type-checks it (allowJs/checkJs).

/** @typedef {string | Uint8Array | ArrayBuffer | null | undefined} BodyBytes */

/**
 * @typedef {object} SignInput
 * @property {string} hmacSecret the key pair's hmacSecret (64 hex characters); used as its ASCII bytes
 * @property {string} method HTTP method as sent (upper-cased here)
 * @property {string} pathWithQuery path and query exactly as sent, without scheme and host
 * @property {BodyBytes} [body] the exact body bytes sent (a string is taken as its UTF-8 bytes); none → empty
 * @property {string | number} [timestamp] Unix seconds; defaults to now
 */

/**
 * @typedef {object} Signature
 * @property {string} timestamp the X-Timestamp value
 * @property {string} bodyHash lowercase hex SHA-256 of the body
 * @property {string} signature the X-Signature value
 */

const encoder = new TextEncoder();

/**
 * @param {BodyBytes} body
 * @returns {Uint8Array}
 */
export function bodyBytes(body) {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  return new Uint8Array(body);
}

/**
 * @param {ArrayBuffer} buffer
 * @returns {string}
 */
function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** @returns {SubtleCrypto} */
function subtle() {
  const s = globalThis.crypto && globalThis.crypto.subtle;
  if (!s) {
    throw new Error('WebCrypto (crypto.subtle) is not available: browsers offer it only on https or localhost pages');
  }
  return s;
}

/**
 * Lowercase hex SHA-256.
 * @param {BodyBytes} body
 * @returns {Promise<string>}
 */
export async function sha256Hex(body) {
  // The cast: TypeScript's DOM types refuse views that could be of a SharedArrayBuffer; ours never are.
  return hex(await subtle().digest('SHA-256', /** @type {BufferSource} */ (bodyBytes(body))));
}

/**
 * Lowercase hex HMAC-SHA256 of a UTF-8 message under the key's UTF-8 bytes.
 * @param {string} key
 * @param {string} message
 * @returns {Promise<string>}
 */
export async function hmacSha256Hex(key, message) {
  const k = await subtle().importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await subtle().sign('HMAC', k, encoder.encode(message)));
}

/**
 * Signs one request: signedPayload = timestamp + METHOD + pathWithQuery + bodyHash.
 * @param {SignInput} input
 * @returns {Promise<Signature>}
 */
export async function signRequest(input) {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const bodyHash = await sha256Hex(input.body);
  const signature = await hmacSha256Hex(
    input.hmacSecret,
    timestamp + input.method.toUpperCase() + input.pathWithQuery + bodyHash,
  );
  return { timestamp, bodyHash, signature };
}

/**
 * The three headers of a signed request.
 * @param {SignInput & { partnerKey: string }} input
 * @returns {Promise<Record<string, string>>}
 */
export async function signedHeaders(input) {
  const s = await signRequest(input);
  return { 'X-Partner-Key': input.partnerKey, 'X-Timestamp': s.timestamp, 'X-Signature': s.signature };
}
