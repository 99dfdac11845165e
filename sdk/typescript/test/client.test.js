// The client against a real local HTTP server that answers as the API does (status, JSON error body of section 9,
// X-Request-Id, Retry-After): what is retried, with what bytes and signatures, and what comes back.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, test } from 'node:test';
import { SirApiError, SirClient, signRequest } from '../dist/index.js';

const HMAC_SECRET = 'f'.repeat(64);
const SECRET_KEY = 'sk_test_' + '1'.repeat(64);

/** Each request the server saw, and the answers it still has to give (one per request, in order). */
let seen = [];
let script = [];
let server;
let baseUrl;

function answer(status, body, headers = {}) {
  return { status, body, headers };
}

function error(status, code, extra = {}, headers = {}) {
  const requestId = `req_${seen.length}`;
  return answer(status, { statusCode: status, code, message: `${code} (test)`, requestId, ...extra }, headers);
}

before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request = { method: req.method, url: req.url, headers: req.headers, body };
      seen.push(request);
      const next = script.shift() ?? error(500, 'INTERNAL_ERROR');
      if (next === 'drop') {
        req.socket.destroy();
        return;
      }
      const payload = next.body === undefined ? '' : JSON.stringify(next.body);
      res.writeHead(next.status, {
        'Content-Type': 'application/json',
        'X-Request-Id': `req_${seen.length}`,
        ...next.headers,
      });
      res.end(payload);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => {
  seen = [];
  script = [];
});

/** A client whose waits are recorded instead of slept, so Retry-After is checked without waiting for it. */
function client(options = {}) {
  const waits = [];
  const c = new SirClient({
    baseUrl,
    partnerKey: SECRET_KEY,
    hmacSecret: HMAC_SECRET,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { c, waits };
}

/** Whether the request carries a valid signature over exactly what was sent. */
function signatureValid(request) {
  const expected = signRequest({
    hmacSecret: HMAC_SECRET,
    method: request.method,
    pathWithQuery: request.url,
    body: new Uint8Array(request.body),
    timestamp: request.headers['x-timestamp'],
  });
  return request.headers['x-partner-key'] === SECRET_KEY && request.headers['x-signature'] === expected.signature;
}

const ACTION = {
  idempotencyKey: 'purchase_98765',
  actionType: 'PURCHASE',
  amount: 49.99,
  currency: 'USD',
  stakeholders: [{ stakeholderTypeCode: 'CUSTOMER', partnerUserId: 'user-42' }],
  autoCreateUsers: true,
};
const PENDING = { actionId: 'act_1', idempotencyKey: 'purchase_98765', status: 'PENDING', transactionIds: [] };
const COMPLETED = { ...PENDING, status: 'COMPLETED', tokensDistributed: 50, transactionIds: ['txn_1'] };

test('submit retries 429, 503, 409 IDEMPOTENCY_IN_PROGRESS and a dropped connection with the same key and bytes, honouring Retry-After', async () => {
  script = [
    error(429, 'RATE_LIMITED', {}, { 'Retry-After': '2' }),
    error(503, 'SERVICE_UNAVAILABLE', {}, { 'Retry-After': '1' }),
    error(409, 'IDEMPOTENCY_IN_PROGRESS', {}, { 'Retry-After': '1' }),
    'drop',
    answer(202, PENDING),
  ];
  const { c, waits } = client({ retryBaseDelayMs: 10 });
  const result = await c.submitAction(ACTION);

  assert.equal(result.status, 202);
  assert.equal(result.replayed, false);
  assert.deepEqual(result.action, PENDING);
  assert.equal(result.requestId, 'req_5');
  assert.equal(seen.length, 5);
  const first = seen[0].body.toString('utf8');
  assert.deepEqual(JSON.parse(first), ACTION);
  for (const r of seen) {
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/v1/partner/actions/submit');
    assert.equal(r.body.toString('utf8'), first, 'every attempt sends the same bytes');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.ok(signatureValid(r), 'every attempt is signed over what it sends');
  }
  // Signed anew each time: no two attempts share a signature (the API refuses a replayed one).
  assert.equal(new Set(seen.map((r) => r.headers['x-signature'])).size, 5);
  assert.deepEqual(waits.slice(0, 3), [2000, 1000, 1000]);
  assert.ok(waits[3] > 0 && waits[3] <= 80, `backoff after the dropped connection: ${waits[3]}`);
});

test('submit answered 200 returns the decided action', async () => {
  script = [answer(200, COMPLETED)];
  const { c } = client();
  const result = await c.submitAction(ACTION);
  assert.equal(result.status, 200);
  assert.equal(result.action.tokensDistributed, 50);
  assert.equal(seen.length, 1);
});

test('409 IDEMPOTENT gives back the original result from the error body', async () => {
  script = [error(409, 'IDEMPOTENT', { result: COMPLETED }, { 'Idempotent-Replayed': 'true' })];
  const { c } = client();
  const result = await c.submitAction(ACTION);
  assert.equal(result.status, 409);
  assert.equal(result.replayed, true);
  assert.deepEqual(result.action, COMPLETED);
});

test('a refusal is a typed SirApiError with every field of the error body, not retried', async () => {
  const details = [{ field: 'amount', message: 'must be at most 2 decimals' }];
  script = [error(400, 'VALIDATION_FAILED', { details })];
  const { c } = client();
  await assert.rejects(c.submitAction({ ...ACTION, amount: 1.234 }), (e) => {
    assert.ok(e instanceof SirApiError);
    assert.equal(e.statusCode, 400);
    assert.equal(e.code, 'VALIDATION_FAILED');
    assert.equal(e.message, 'VALIDATION_FAILED (test)');
    assert.equal(e.requestId, 'req_0');
    assert.deepEqual(e.details, details);
    assert.equal(e.retryAfter, undefined);
    return true;
  });
  assert.equal(seen.length, 1);
});

test('402 INSUFFICIENT_POOL carries the refused action in result', async () => {
  script = [error(402, 'INSUFFICIENT_POOL', { result: { ...PENDING, status: 'FAILED' } })];
  const { c } = client();
  await assert.rejects(c.submitAction(ACTION), (e) => e.code === 'INSUFFICIENT_POOL' && e.result.status === 'FAILED');
  assert.equal(seen.length, 1);
});

test('retries end after maxRetries with the last error, its Retry-After on it', async () => {
  script = [1, 2, 3].map(() => error(503, 'SERVICE_UNAVAILABLE', {}, { 'Retry-After': '1' }));
  const { c, waits } = client({ maxRetries: 2 });
  await assert.rejects(c.submitAction(ACTION), (e) => e.statusCode === 503 && e.retryAfter === 1);
  assert.equal(seen.length, 3);
  assert.deepEqual(waits, [1000, 1000]);
});

test('a Retry-After longer than maxRetryDelayMs is not waited for', async () => {
  script = [error(429, 'RATE_LIMITED', {}, { 'Retry-After': '120' })];
  const { c, waits } = client({ maxRetryDelayMs: 5000 });
  await assert.rejects(c.getAction('act_1'), (e) => e.code === 'RATE_LIMITED' && e.retryAfter === 120);
  assert.equal(seen.length, 1);
  assert.deepEqual(waits, []);
});

test('a PATCH is not sent again after a dropped connection (it may have been carried out)', async () => {
  script = ['drop', answer(200, {})];
  const { c } = client();
  await assert.rejects(c.updateUser('user-42', { email: 'x@example.org' }), TypeError);
  assert.equal(seen.length, 1);
});

test('a GET is retried after a dropped connection and a 502', async () => {
  script = ['drop', error(502, 'SERVICE_UNAVAILABLE'), answer(200, COMPLETED)];
  const { c } = client({ retryBaseDelayMs: 1 });
  assert.deepEqual(await c.getAction('act/1'), COMPLETED);
  assert.equal(seen.length, 3);
  assert.equal(seen[2].url, '/v1/partner/actions/act%2F1');
  assert.ok(seen.every(signatureValid));
  assert.equal(seen[2].body.length, 0);
});

test('creates carry one Idempotency-Key across retries, and a given key is used as it is', async () => {
  script = [error(503, 'SERVICE_UNAVAILABLE', {}, { 'Retry-After': '1' }), answer(201, { externalId: 'u1' })];
  const { c } = client();
  assert.deepEqual(await c.createUser({ externalId: 'u1' }), { externalId: 'u1' });
  assert.equal(seen.length, 2);
  assert.match(seen[0].headers['idempotency-key'], /^[0-9a-f-]{36}$/);
  assert.equal(seen[1].headers['idempotency-key'], seen[0].headers['idempotency-key']);

  seen = [];
  script = [error(409, 'IDEMPOTENT', { result: { id: 'cmp_1' } })];
  assert.deepEqual(await c.createCampaign({ name: 'c' }, { idempotencyKey: 'campaign-1' }), { id: 'cmp_1' });
  assert.equal(seen[0].headers['idempotency-key'], 'campaign-1');
});

test('list queries are sent in the path that is signed', async () => {
  script = [answer(200, { data: [], page: 2, limit: 5, total: 0 })];
  const { c } = client();
  await c.listUsers({ page: 2, limit: 5 });
  assert.equal(seen[0].url, '/v1/partner/users?page=2&limit=5');
  assert.ok(signatureValid(seen[0]));
});

test('DELETE answered 204 resolves without a body', async () => {
  script = [answer(204, undefined)];
  const { c } = client();
  assert.equal(await c.deleteWebhookEndpoint('wh_1'), undefined);
  assert.equal(seen[0].method, 'DELETE');
});

// ---- Donations and the dashboard (docs/partner-api.md section 7, docs/partners/donations.md)

const ORGANIZATION = {
  id: 'org_1',
  slug: 'givedirectly',
  name: 'GiveDirectly',
  status: 'ACTIVE',
  providers: ['stripe', 'every.org'],
  currencies: ['USD'],
};
const LINK = {
  donationLink: 'https://api.example/donate/checkout/8c1d',
  partnerDonationId: 'don_9f86d081884c7d659a2feaa0',
};
const DONATION_LINK_REQUEST = {
  nonprofitSlug: 'givedirectly',
  amount: 2500,
  currency: 'USD',
  frequency: 'monthly',
  provider: 'every.org',
  donorEmail: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  tipPercent: 10,
  referralCode: 'spring',
  partnerUserId: 'user-42',
  returnUrl: 'https://shop.example/donate/return',
};

test('organizations are searched with query, page and limit in the signed path, and looked up by encoded slug', async () => {
  script = [answer(200, { data: [ORGANIZATION], page: 2, limit: 5, total: 6 }), answer(200, ORGANIZATION)];
  const { c } = client();
  const page = await c.searchOrganizations({ query: 'charity: water', page: 2, limit: 5 });
  const org = await c.getOrganization('give directly');

  assert.equal(page.total, 6);
  assert.deepEqual(page.data[0], ORGANIZATION);
  assert.deepEqual(org, ORGANIZATION);
  assert.equal(seen[0].method, 'GET');
  assert.equal(seen[0].url, '/v1/partner/organizations?query=charity%3A+water&page=2&limit=5');
  assert.equal(seen[1].url, '/v1/partner/organizations/give%20directly');
  assert.ok(seen.every(signatureValid));
});

test('an unknown organization is a SirApiError NOT_FOUND, not retried', async () => {
  script = [error(404, 'NOT_FOUND')];
  const { c } = client();
  await assert.rejects(c.getOrganization('nobody'), (e) => e instanceof SirApiError && e.code === 'NOT_FOUND');
  assert.equal(seen.length, 1);
});

test('a donation link is created with every field as given, signed, under the given Idempotency-Key', async () => {
  script = [answer(201, LINK)];
  const { c } = client();
  assert.deepEqual(await c.createDonationLink(DONATION_LINK_REQUEST, { idempotencyKey: 'cart-7f3a' }), LINK);
  assert.equal(seen[0].method, 'POST');
  assert.equal(seen[0].url, '/v1/partner/donations/create-link');
  assert.equal(seen[0].headers['idempotency-key'], 'cart-7f3a');
  assert.equal(seen[0].headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(seen[0].body.toString('utf8')), DONATION_LINK_REQUEST);
  assert.ok(signatureValid(seen[0]));
});

test('create-link is retried after a 503 and a dropped connection with one made key and the same bytes', async () => {
  script = [error(503, 'SERVICE_UNAVAILABLE', {}, { 'Retry-After': '2' }), 'drop', answer(201, LINK)];
  const { c, waits } = client({ retryBaseDelayMs: 1 });
  assert.deepEqual(await c.createDonationLink(DONATION_LINK_REQUEST), LINK);
  assert.equal(seen.length, 3);
  const key = seen[0].headers['idempotency-key'];
  assert.match(key, /^[0-9a-f-]{36}$/);
  for (const r of seen) {
    assert.equal(r.headers['idempotency-key'], key);
    assert.equal(r.body.toString('utf8'), seen[0].body.toString('utf8'));
    assert.ok(signatureValid(r));
  }
  assert.equal(waits[0], 2000);
});

test('a replayed create-link (409 IDEMPOTENT) is the original link; a refused one names the field', async () => {
  script = [
    error(409, 'IDEMPOTENT', { result: LINK }, { 'Idempotent-Replayed': 'true' }),
    error(400, 'VALIDATION_FAILED', { details: [{ field: 'returnUrl', message: 'is not on an allowed origin' }] }),
  ];
  const { c } = client();
  assert.deepEqual(await c.createDonationLink(DONATION_LINK_REQUEST, { idempotencyKey: 'cart-7f3a' }), LINK);
  const offOrigin = { ...DONATION_LINK_REQUEST, returnUrl: 'https://elsewhere.example/' };
  await assert.rejects(c.createDonationLink(offOrigin), (e) => {
    assert.equal(e.code, 'VALIDATION_FAILED');
    assert.deepEqual(e.details, [{ field: 'returnUrl', message: 'is not on an allowed origin' }]);
    return true;
  });
  assert.equal(seen.length, 2);
});

test('the donation status is read by its encoded id', async () => {
  const donation = {
    partnerDonationId: 'don_1/x',
    status: 'COMPLETED',
    charges: [{ chargeNumber: 1, status: 'COMPLETED', reward: { actionId: 'act_1', tokensDistributed: 25 } }],
    reward: { actionId: 'act_1', status: 'COMPLETED', tokensDistributed: 25, transactionIds: ['txn_1'] },
  };
  script = [answer(200, donation)];
  const { c } = client();
  assert.deepEqual(await c.getDonationStatus('don_1/x'), donation);
  assert.equal(seen[0].url, '/v1/partner/donations/status/don_1%2Fx');
  assert.ok(signatureValid(seen[0]));
});

test('the config is patched with only the fields given, and the dashboard gets its window', async () => {
  const config = { id: 'ptn_1', tipConfig: { enabled: true, defaultPercent: 10 }, allowedOrigins: [] };
  script = [answer(200, config), answer(200, { tokensDistributed: 1 })];
  const { c } = client();
  assert.deepEqual(await c.updatePartnerConfig({ tipConfig: { enabled: true, defaultPercent: 10 } }), config);
  await c.getDashboard({ from: '2026-11-01', to: '2026-11-30' });
  assert.equal(seen[0].method, 'PATCH');
  assert.equal(seen[0].url, '/v1/partner/config');
  assert.deepEqual(JSON.parse(seen[0].body.toString('utf8')), { tipConfig: { enabled: true, defaultPercent: 10 } });
  assert.equal(seen[1].url, '/v1/partner/dashboard?from=2026-11-01&to=2026-11-30');
  assert.ok(seen.every(signatureValid));
});
