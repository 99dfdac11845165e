// Verifies captured webhook deliveries with the standardwebhooks package, exactly as a partner's receiver would:
// new Webhook(secret).verify(rawBody, headers). Input (file named by the first argument): a JSON array of
// {secret, headers, body (base64 of the raw bytes received), now (the receiver's clock, Unix seconds)}.
// Output (stdout): a JSON array of {verified, error}, one per case, in order.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const realNow = Date.now;
const results = cases.map(({ secret, headers, body, now }) => {
  // The library checks webhook-timestamp against Date.now() (5 minutes' tolerance); the tests' dispatcher runs on a
  // clock they move, so the receiver's clock is given with the case.
  Date.now = () => now * 1000;
  try {
    new Webhook(secret).verify(Buffer.from(body, "base64"), headers);
    return { verified: true, error: null };
  } catch (e) {
    return { verified: false, error: `${e.name}: ${e.message}` };
  } finally {
    Date.now = realNow;
  }
});
process.stdout.write(JSON.stringify(results));
