// The browser entry: widget calls carry the publishable key alone, never a signature or a secret.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { SirApiError, SirWidgetClient, signRequest } from '../dist/browser.js';

const PK = 'pk_test_' + '2'.repeat(64);

async function withServer(handler, fn) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${server.address().port}`, seen);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test('getConfig sends X-Partner-Key with the publishable key and nothing signed', async () => {
  const config = { id: 'prt_1', name: 'Acme', slug: 'acme', isActive: true };
  await withServer(
    (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(config));
    },
    async (baseUrl, seen) => {
      const widget = new SirWidgetClient({ baseUrl, publishableKey: PK });
      assert.deepEqual(await widget.getConfig(), config);
      assert.equal(seen[0].method, 'GET');
      assert.equal(seen[0].url, '/v1/partner/config');
      assert.equal(seen[0].headers['x-partner-key'], PK);
      assert.equal(seen[0].headers['x-signature'], undefined);
      assert.equal(seen[0].headers['x-timestamp'], undefined);
    },
  );
});

test('an error answer is a SirApiError', async () => {
  await withServer(
    (req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json', 'X-Request-Id': 'req_9' });
      res.end(JSON.stringify({ statusCode: 401, code: 'INVALID_API_KEY', message: 'unknown key', requestId: 'req_9' }));
    },
    async (baseUrl) => {
      const widget = new SirWidgetClient({ baseUrl, publishableKey: PK });
      await assert.rejects(widget.getConfig(), (e) => {
        assert.ok(e instanceof SirApiError);
        assert.equal(e.code, 'INVALID_API_KEY');
        assert.equal(e.requestId, 'req_9');
        return true;
      });
    },
  );
});

test('a secret key is refused before anything is sent', () => {
  assert.throws(
    () => new SirWidgetClient({ baseUrl: 'http://127.0.0.1:9', publishableKey: 'sk_test_' + '3'.repeat(64) }),
    TypeError,
  );
});

test('the browser entry signs with WebCrypto (the GET vector)', async () => {
  const s = await signRequest({
    hmacSecret: 'a'.repeat(64),
    method: 'GET',
    pathWithQuery: '/v1/partner/users?page=1&limit=20',
    timestamp: 1746876000,
  });
  assert.equal(s.signature, '88a77b036027cb2666ebbe27f9d42c1960070d453bf3fd8e76b7fc73df925915');
});

/** A server that records each request with its body and answers from a script, one answer per request. */
async function withScript(answers, fn) {
  const requests = [];
  await withServer(
    (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        const [status, body, headers = {}] = answers.shift() ?? [500, { code: 'INTERNAL_ERROR' }];
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    },
    (baseUrl) => fn(baseUrl, requests),
  );
}

function assertPublishableOnly(request) {
  assert.equal(request.headers['x-partner-key'], PK);
  assert.equal(request.headers['x-signature'], undefined);
  assert.equal(request.headers['x-timestamp'], undefined);
}

const ORG = {
  id: 'org_1',
  slug: 'givedirectly',
  name: 'GiveDirectly',
  status: 'ACTIVE',
  providers: ['stripe'],
  currencies: ['USD'],
};
const LINK = { donationLink: 'http://127.0.0.1:8080/donate/checkout/8c1d', partnerDonationId: 'don_1' };
const LINK_REQUEST = {
  nonprofitSlug: 'givedirectly',
  amount: 2500,
  currency: 'USD',
  frequency: 'once',
  provider: 'stripe',
  donorEmail: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  tipPercent: 10,
  returnUrl: 'http://localhost:3000/return.html',
};

test('organizations are looked up and searched with the publishable key alone', async () => {
  await withScript([[200, ORG], [200, { data: [ORG], page: 1, limit: 5, total: 1 }]], async (baseUrl, requests) => {
    const widget = new SirWidgetClient({ baseUrl, publishableKey: PK });
    assert.deepEqual(await widget.getOrganization('give directly'), ORG);
    assert.equal((await widget.searchOrganizations({ query: 'malaria', limit: 5 })).total, 1);
    assert.equal(requests[0].url, '/v1/partner/organizations/give%20directly');
    assert.equal(requests[1].url, '/v1/partner/organizations?query=malaria&limit=5');
    requests.forEach(assertPublishableOnly);
  });
});

test('createDonationLink posts the JSON body with the Idempotency-Key, unsigned, and a replay is the original link', async () => {
  const replay = [
    409,
    { statusCode: 409, code: 'IDEMPOTENT', message: 'replayed', result: LINK },
    { 'Idempotent-Replayed': 'true' },
  ];
  await withScript([[201, LINK], replay], async (baseUrl, requests) => {
    const widget = new SirWidgetClient({ baseUrl, publishableKey: PK });
    assert.deepEqual(await widget.createDonationLink(LINK_REQUEST, { idempotencyKey: 'checkout-7f3a' }), LINK);
    assert.deepEqual(await widget.createDonationLink(LINK_REQUEST, { idempotencyKey: 'checkout-7f3a' }), LINK);
    assert.equal(requests[0].method, 'POST');
    assert.equal(requests[0].url, '/v1/partner/donations/create-link');
    assert.equal(requests[0].headers['content-type'], 'application/json');
    assert.equal(requests[0].headers['idempotency-key'], 'checkout-7f3a');
    assert.deepEqual(JSON.parse(requests[0].body.toString('utf8')), LINK_REQUEST);
    requests.forEach(assertPublishableOnly);
  });
});

test('createDonationLink without a key sends no Idempotency-Key; a refusal is a SirApiError naming the field', async () => {
  const details = [{ field: 'tipPercent', message: 'tips are off' }];
  const refused = [400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad', details }];
  await withScript([refused], async (baseUrl, requests) => {
    const widget = new SirWidgetClient({ baseUrl, publishableKey: PK });
    await assert.rejects(widget.createDonationLink(LINK_REQUEST), (e) => {
      assert.ok(e instanceof SirApiError);
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(e.details, details);
      return true;
    });
    assert.equal(requests[0].headers['idempotency-key'], undefined);
    assert.equal(requests.length, 1);
  });
});

test('getDonationStatus reads the donation by its encoded id; an origin off the list is ORIGIN_NOT_ALLOWED', async () => {
  const donation = { partnerDonationId: 'don_1', status: 'PENDING', charges: [], reward: null };
  const offOrigin = [403, { statusCode: 403, code: 'ORIGIN_NOT_ALLOWED', message: 'origin' }];
  await withScript([[200, donation], offOrigin], async (baseUrl, requests) => {
    const widget = new SirWidgetClient({ baseUrl, publishableKey: PK });
    assert.deepEqual(await widget.getDonationStatus('don_1/x'), donation);
    assert.equal(requests[0].url, '/v1/partner/donations/status/don_1%2Fx');
    await assert.rejects(
      widget.getDonationStatus('don_1'),
      (e) => e instanceof SirApiError && e.code === 'ORIGIN_NOT_ALLOWED' && e.statusCode === 403,
    );
    requests.forEach(assertPublishableOnly);
  });
});
