// Validates rendered Kubernetes manifests offline against the schemas of the kubernetes-models packages.
//
// Usage: node validate.mjs <manifests.json> [<strimzi schema dir>]   (a JSON array of manifests)
// Prints a JSON array, one entry per manifest: {index, apiVersion, kind, name, supported, errors[], unknownFields[]}.
//
// Strimzi's kinds (kafka.strimzi.io) have no npm package: they are validated with Ajv against the openAPIV3Schema of
// Strimzi's own CRDs, vendored as <Kind>-<version>.json into the given directory (its README says from where). The
// API server prunes fields a CRD schema does not define, so every object schema with properties is closed here
// (additionalProperties: false) to report them; metadata is checked as an ObjectMeta.
//
// The packages' validators check types, formats and required fields, but accept fields the schema does not know
// (the Kubernetes OpenAPI schemas do not say additionalProperties: false). An API server would drop or refuse such
// a field, so it is a bug in the chart. To find them, each manifest is wrapped in Proxies that record every property
// the validator reads: the compiled validator reads each property its schema defines (and iterates the keys of
// maps), so a property it never read is one the schema does not define.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { ObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";

const strimziDir = process.argv[3] ?? null;
const ajv = new Ajv({ strict: false, allErrors: true });
const strimziValidators = new Map();

// A deep copy of a CRD schema with every object schema that lists properties closed, as the API server's pruning
// treats it (unless the schema keeps unknown fields).
function closed(schema) {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closed(s)])) : closed(v);
  if (out.type === "object" && out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}

function strimziValidator(version, kind) {
  const key = `${kind}-${version}`;
  if (!strimziValidators.has(key)) {
    const file = strimziDir && join(strimziDir, `${key}.json`);
    strimziValidators.set(key, file && existsSync(file) ? ajv.compile(closed(JSON.parse(readFileSync(file, "utf8")).openAPIV3Schema)) : null);
  }
  return strimziValidators.get(key);
}

function validateStrimzi(doc, result, version, kind) {
  const check = strimziValidator(version, kind);
  if (!check) return;
  result.supported = true;
  if (!check(doc)) {
    for (const e of check.errors) {
      if (e.keyword === "additionalProperties") result.unknownFields.push(`${e.instancePath}/${e.params.additionalProperty}`);
      else result.errors.push(`${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  const seen = new Set();
  const all = new Set();
  try {
    ObjectMeta.prototype.validate.call(tracked(doc.metadata ?? {}, "/metadata", seen, all));
  } catch (e) {
    const errors = Array.isArray(e?.errors) ? e.errors : null;
    result.errors.push(...(errors ? errors.map((x) => `/metadata${x.instancePath} ${x.message}`) : [String(e?.message ?? e)]));
  }
  result.unknownFields.push(...[...all].filter((p) => !seen.has(p)));
}

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
  const strimzi = /^kafka\.strimzi\.io\/(v[a-z0-9]+)$/.exec(apiVersion);
  if (strimzi) {
    validateStrimzi(doc, result, strimzi[1], kind);
    return result;
  }
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
