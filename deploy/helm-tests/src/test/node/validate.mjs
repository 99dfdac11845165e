// Validates rendered Kubernetes manifests offline against the schemas of the kubernetes-models packages.
//
// Usage: node validate.mjs <manifests.json>   (a JSON array of manifests)
// Prints a JSON array, one entry per manifest: {index, apiVersion, kind, name, supported, errors[], unknownFields[]}.
//
// The packages' validators check types, formats and required fields, but accept fields the schema does not know
// (the Kubernetes OpenAPI schemas do not say additionalProperties: false). An API server would drop or refuse such
// a field, so it is a bug in the chart. To find them, each manifest is wrapped in Proxies that record every property
// the validator reads: the compiled validator reads each property its schema defines (and iterates the keys of
// maps), so a property it never read is one the schema does not define.
import { readFileSync } from "node:fs";

function modelModule(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (group === "") return `kubernetes-models/${version}/${kind}`;
  if (group === "gateway.networking.k8s.io") return `@kubernetes-models/gateway-api/${group}/${version}/${kind}`;
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  if (/^[a-z0-9.-]+$/.test(group) && !group.includes("strimzi")) return `kubernetes-models/${group}/${version}/${kind}`;
  return null;
}

// Returns a Proxy-wrapped deep copy of value; every property path goes into `all`, every one read into `seen`.
function tracked(value, path, seen, all) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v, i) => tracked(v, `${path}/${i}`, seen, all));
  const target = {};
  for (const [k, v] of Object.entries(value)) {
    all.add(`${path}/${k}`);
    target[k] = tracked(v, `${path}/${k}`, seen, all);
  }
  const mark = (p) => { if (typeof p === "string") seen.add(`${path}/${p}`); };
  return new Proxy(target, {
    get(t, p, r) { if (Object.hasOwn(t, p)) mark(p); return Reflect.get(t, p, r); },
    has(t, p) { mark(p); return Reflect.has(t, p); },
    getOwnPropertyDescriptor(t, p) { mark(p); return Reflect.getOwnPropertyDescriptor(t, p); },
    ownKeys(t) { for (const k of Reflect.ownKeys(t)) mark(k); return Reflect.ownKeys(t); },
  });
}

async function validate(doc, index) {
  const apiVersion = String(doc?.apiVersion ?? "");
  const kind = String(doc?.kind ?? "");
  const result = { index, apiVersion, kind, name: doc?.metadata?.name ?? null, supported: false, errors: [], unknownFields: [] };
  const spec = modelModule(apiVersion, kind);
  let model = null;
  if (spec) {
    try {
      model = (await import(spec))[kind] ?? null;
    } catch {
      model = null;
    }
  }
  if (!model) return result;
  result.supported = true;
  const seen = new Set();
  const all = new Set();
  const proxy = tracked(doc, "", seen, all);
  try {
    model.prototype.validate.call(proxy);
  } catch (e) {
    const errors = Array.isArray(e?.errors) ? e.errors : null;
    result.errors = errors
      ? errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params ? " " + JSON.stringify(x.params) : ""}`)
      : [String(e?.message ?? e)];
  }
  result.unknownFields = [...all].filter((p) => !seen.has(p));
  return result;
}

const docs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (let i = 0; i < docs.length; i++) results.push(await validate(docs[i], i));
process.stdout.write(JSON.stringify(results));
