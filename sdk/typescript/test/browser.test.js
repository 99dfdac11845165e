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
