// The contract's signing test vectors (docs/partner-api.md section 3), reproduced by both signers: node:crypto
// (the Node entry) and WebCrypto (src/web-signing.js, which the Swagger UI page loads as it is).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyHash, signRequest, signedHeaders } from '../dist/index.js';
import * as web from '../src/web-signing.js';

const SECRET = 'a'.repeat(64);
const TIMESTAMP = 1746876000;
const GET = { method: 'GET', pathWithQuery: '/v1/partner/users?page=1&limit=20' };
const POST = {
  method: 'POST',
  pathWithQuery: '/v1/partner/actions/submit',
  body: '{"idempotencyKey":"purchase_98765","actionType":"PURCHASE","amount":49.99}',
};
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const signers = {
  'node:crypto': async (input) => signRequest(input),
  WebCrypto: async (input) => web.signRequest(input),
};

for (const [name, sign] of Object.entries(signers)) {
  test(`${name}: the GET vector with an empty body`, async () => {
    const s = await sign({ hmacSecret: SECRET, timestamp: TIMESTAMP, ...GET });
    assert.equal(s.bodyHash, EMPTY_HASH);
    assert.equal(s.signature, '88a77b036027cb2666ebbe27f9d42c1960070d453bf3fd8e76b7fc73df925915');
    assert.equal(s.timestamp, '1746876000');
  });

  test(`${name}: the POST submit vector`, async () => {
    const s = await sign({ hmacSecret: SECRET, timestamp: TIMESTAMP, ...POST });
    assert.equal(s.bodyHash, 'a2ba9298854432570ecda9f7a99956a1ddf3c66f7470188d4ef32b585befdfa9');
    assert.equal(s.signature, 'f1fc2f0f4dc1a299e2582cb30a119ef9c6f2efeab0304ea2ccc820654d9d414d');
  });

  test(`${name}: the body is signed as bytes, so a string and its UTF-8 bytes sign alike`, async () => {
    const fromString = await sign({ hmacSecret: SECRET, timestamp: TIMESTAMP, ...POST });
    const fromBytes = await sign({
      hmacSecret: SECRET,
      timestamp: TIMESTAMP,
      ...POST,
      body: new TextEncoder().encode(POST.body),
    });
    assert.equal(fromBytes.signature, fromString.signature);
  });

  test(`${name}: the method is signed upper-case and a different path signs differently`, async () => {
    const lower = await sign({ hmacSecret: SECRET, timestamp: TIMESTAMP, ...GET, method: 'get' });
    assert.equal(lower.signature, '88a77b036027cb2666ebbe27f9d42c1960070d453bf3fd8e76b7fc73df925915');
    const other = await sign({ hmacSecret: SECRET, timestamp: TIMESTAMP, ...GET, pathWithQuery: '/v1/partner/users' });
    assert.notEqual(other.signature, lower.signature);
  });
}

test('signedHeaders gives the three headers of a signed request', async () => {
  const expected = {
    'X-Partner-Key': 'sk_test_x',
    'X-Timestamp': '1746876000',
    'X-Signature': 'f1fc2f0f4dc1a299e2582cb30a119ef9c6f2efeab0304ea2ccc820654d9d414d',
  };
  const input = { partnerKey: 'sk_test_x', hmacSecret: SECRET, timestamp: TIMESTAMP, ...POST };
  assert.deepEqual(signedHeaders(input), expected);
  assert.deepEqual(await web.signedHeaders(input), expected);
});

test('bodyHash of no body is the SHA-256 of the empty string', () => {
  assert.equal(bodyHash(), EMPTY_HASH);
  assert.equal(bodyHash(''), EMPTY_HASH);
});
