// The TypeScript SDK against the local run (SdkThinPathTest): the built package as a partner imports it.
//   node sdk-thin-path.mjs run     env SIR_SDK_DIR, SIR_GATEWAY, SIR_SECRET_KEY, SIR_PUBLIC_KEY, SIR_HMAC_SECRET,
//                                  SIR_WEBHOOK_URL → one JSON line of what happened
//   node sdk-thin-path.mjs verify  stdin {secret, headers, body (base64)} of a real delivery → the verified events
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = join(process.env.SIR_SDK_DIR, 'dist');
const sdk = await import(pathToFileURL(join(dist, 'index.js')).href);
const browser = await import(pathToFileURL(join(dist, 'browser.js')).href);
const env = process.env;

function errorOf(e) {
  if (!(e instanceof sdk.SirApiError)) throw e;
  return { name: e.name, statusCode: e.statusCode, code: e.code, requestId: e.requestId, details: e.details };
}

async function run() {
  const client = new sdk.SirClient({ baseUrl: env.SIR_GATEWAY, partnerKey: env.SIR_SECRET_KEY, hmacSecret: env.SIR_HMAC_SECRET });
  const out = {};

  const endpoint = await client.createWebhookEndpoint({
    url: env.SIR_WEBHOOK_URL,
    description: 'sdk e2e',
    eventTypes: ['action.completed'],
  });
  out.webhookSecret = endpoint.secret;

  const action = {
    idempotencyKey: `sdk_${Date.now()}_${Math.random().toString(16).slice(2)}`,
    actionType: 'PURCHASE',
    amount: 49.99,
    currency: 'USD',
    stakeholders: [{ stakeholderTypeCode: 'CUSTOMER', partnerUserId: 'sdk-user-1', userEmail: 'sdk1@example.org' }],
    autoCreateUsers: true,
  };
  const submitted = await client.submitAction(action);
  out.submit = { status: submitted.status, replayed: submitted.replayed, requestId: submitted.requestId };
  out.actionId = submitted.action.actionId;

  const again = await client.submitAction(action);
  out.again = { status: again.status, replayed: again.replayed, actionId: again.action.actionId };

  let read = await client.getAction(out.actionId);
  for (let i = 0; i < 60 && read.status === 'PENDING'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    read = await client.getAction(out.actionId);
  }
  out.read = { actionId: read.actionId, status: read.status, tokensDistributed: read.tokensDistributed };

  try {
    await client.submitAction({ ...action, idempotencyKey: `${action.idempotencyKey}_bad`, amount: 1.234 });
    out.badRequest = 'accepted';
  } catch (e) {
    out.badRequest = errorOf(e);
  }

  const stranger = new sdk.SirClient({ baseUrl: env.SIR_GATEWAY, partnerKey: env.SIR_SECRET_KEY, hmacSecret: '0'.repeat(64) });
  try {
    await stranger.getAction(out.actionId);
    out.badSignature = 'accepted';
  } catch (e) {
    out.badSignature = errorOf(e);
  }

  const widget = new browser.SirWidgetClient({ baseUrl: env.SIR_GATEWAY, publishableKey: env.SIR_PUBLIC_KEY });
  const config = await widget.getConfig();
  out.widgetConfig = { id: config.id, isActive: config.isActive };
  return out;
}

function verify() {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const body = Buffer.from(input.body, 'base64');
  const sir = sdk.verifyWebhook({ secret: input.secret, headers: input.headers, body });
  const out = { sir: { id: sir.id, type: sir.type, actionId: sir.data.actionId } };
  if (input.headers['webhook-signature'] !== undefined) {
    const std = sdk.verifyStandardWebhook({ secret: input.secret, headers: input.headers, body });
    out.standard = { id: std.id };
  }
  try {
    sdk.verifyWebhook({ secret: input.secret, headers: input.headers, body: Buffer.concat([body, Buffer.from(' ')]) });
    out.tampered = 'accepted';
  } catch (e) {
    out.tampered = e.name;
  }
  return out;
}

const result = process.argv[2] === 'verify' ? verify() : await run();
console.log(JSON.stringify(result));
