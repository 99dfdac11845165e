// Webhook verification: the contract's X-SIR-Signature vector (docs/partner-api.md section 6), the rotation list, the
// tolerance, and the Standard Webhooks headers checked against signatures made by the standardwebhooks package.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { verifyStandardWebhook, verifyWebhook, WebhookVerificationError } from '../dist/index.js';

const SECRET = 'whsec_' + 'b'.repeat(64);
const TIMESTAMP = '1778404320';
const BODY =
  '{"id":"evt_abc123","type":"action.completed","createdAt":"2026-05-10T09:12:00Z","data":{"actionId":"a1","tokensDistributed":50}}';
const VECTOR = 'sha256=886f97c4061d4b6461b2259a483f5ea82089fb18d0f5c223691cc8345072db70';
const AT = Number(TIMESTAMP) * 1000;

function sirSignature(secret, timestamp, body) {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

test('the contract vector verifies and the event comes back parsed', () => {
  const event = verifyWebhook({
    secret: SECRET,
    headers: { 'X-SIR-Timestamp': TIMESTAMP, 'X-SIR-Signature': VECTOR },
    body: BODY,
    now: AT,
  });
  assert.equal(event.id, 'evt_abc123');
  assert.equal(event.type, 'action.completed');
  assert.equal(event.data.tokensDistributed, 50);
});

test('fetch Headers and raw bytes are accepted as well', () => {
  const headers = new Headers({ 'x-sir-timestamp': TIMESTAMP, 'x-sir-signature': VECTOR });
  const event = verifyWebhook({ secret: SECRET, headers, body: new TextEncoder().encode(BODY), now: AT });
  assert.equal(event.data.actionId, 'a1');
});

test('a body changed by one byte is refused', () => {
  assert.throws(
    () =>
      verifyWebhook({
        secret: SECRET,
        headers: { 'x-sir-timestamp': TIMESTAMP, 'x-sir-signature': VECTOR },
        body: BODY.replace('50', '51'),
        now: AT,
      }),
    WebhookVerificationError,
  );
});

test('another secret is refused', () => {
  assert.throws(
    () =>
      verifyWebhook({
        secret: 'whsec_' + 'c'.repeat(64),
        headers: { 'x-sir-timestamp': TIMESTAMP, 'x-sir-signature': VECTOR },
        body: BODY,
        now: AT,
      }),
    WebhookVerificationError,
  );
});

test('during a rotation the list "sha256=<new> sha256=<old>" verifies with either secret', () => {
  const newSecret = 'whsec_' + 'd'.repeat(64);
  const headers = {
    'x-sir-timestamp': TIMESTAMP,
    'x-sir-signature': `${sirSignature(newSecret, TIMESTAMP, BODY)} ${VECTOR}`,
  };
  assert.equal(verifyWebhook({ secret: SECRET, headers, body: BODY, now: AT }).id, 'evt_abc123');
  assert.equal(verifyWebhook({ secret: newSecret, headers, body: BODY, now: AT }).id, 'evt_abc123');
  assert.equal(verifyWebhook({ secret: ['whsec_other', newSecret], headers, body: BODY, now: AT }).id, 'evt_abc123');
});

test('a timestamp more than 300 s away is refused, within 300 s accepted', () => {
  const headers = { 'x-sir-timestamp': TIMESTAMP, 'x-sir-signature': VECTOR };
  assert.equal(verifyWebhook({ secret: SECRET, headers, body: BODY, now: AT + 300_000 }).id, 'evt_abc123');
  assert.equal(verifyWebhook({ secret: SECRET, headers, body: BODY, now: AT - 300_000 }).id, 'evt_abc123');
  assert.throws(() => verifyWebhook({ secret: SECRET, headers, body: BODY, now: AT + 301_000 }), /tolerance/);
  assert.throws(() => verifyWebhook({ secret: SECRET, headers, body: BODY, now: AT - 301_000 }), /tolerance/);
});

test('missing headers are refused', () => {
  assert.throws(() => verifyWebhook({ secret: SECRET, headers: {}, body: BODY, now: AT }), WebhookVerificationError);
});

function standardHeaders(secret, id, timestampSeconds, body) {
  const signature = new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), body);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signature };
}

test('Standard Webhooks: a signature made by the standardwebhooks package verifies', () => {
  // Now, since the package checks its tolerance against the real clock.
  const headers = standardHeaders(SECRET, 'evt_abc123', Math.floor(Date.now() / 1000), BODY);
  assert.match(headers['webhook-signature'], /^v1,[A-Za-z0-9+/=]+$/);
  const event = verifyStandardWebhook({ secret: SECRET, headers, body: BODY });
  assert.equal(event.id, 'evt_abc123');
  // And the package itself agrees with the same headers (the key is the base64 after whsec_).
  assert.deepEqual(new Webhook(SECRET).verify(BODY, headers), JSON.parse(BODY));
});

test('Standard Webhooks: a list of signatures verifies with the old or the new secret', () => {
  const newSecret = 'whsec_' + 'e'.repeat(64);
  const a = standardHeaders(newSecret, 'evt_abc123', Number(TIMESTAMP), BODY);
  const b = standardHeaders(SECRET, 'evt_abc123', Number(TIMESTAMP), BODY);
  const headers = { ...a, 'webhook-signature': `${a['webhook-signature']} ${b['webhook-signature']}` };
  assert.equal(verifyStandardWebhook({ secret: SECRET, headers, body: BODY, now: AT }).id, 'evt_abc123');
  assert.equal(verifyStandardWebhook({ secret: newSecret, headers, body: BODY, now: AT }).id, 'evt_abc123');
});

test('Standard Webhooks: another webhook-id, a changed body or a stale timestamp is refused', () => {
  const headers = standardHeaders(SECRET, 'evt_abc123', Number(TIMESTAMP), BODY);
  assert.throws(
    () => verifyStandardWebhook({ secret: SECRET, headers: { ...headers, 'webhook-id': 'evt_x' }, body: BODY, now: AT }),
    WebhookVerificationError,
  );
  assert.throws(
    () => verifyStandardWebhook({ secret: SECRET, headers, body: BODY + ' ', now: AT }),
    WebhookVerificationError,
  );
  assert.throws(
    () => verifyStandardWebhook({ secret: SECRET, headers, body: BODY, now: AT + 301_000 }),
    /tolerance/,
  );
});
