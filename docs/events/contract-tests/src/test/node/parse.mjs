// Parses an AsyncAPI document with @asyncapi/parser (the parser AsyncAPI's own tools use) and prints, as JSON, its
// diagnostics and what it declares: {errors[], warnings[], channels[{address, messages[{name, schemaId}]}]}.
//
// Usage: node parse.mjs <asyncapi.yaml>
// Relative $refs (./schemas/*.json) are resolved from the document's folder; nothing is fetched.
import { Parser, fromFile } from "@asyncapi/parser";

const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, file).parse();

const describe = (d) => `${d.code}: ${d.message} at /${(d.path || []).join("/")}`;
// Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
const errors = diagnostics.filter((d) => d.severity === 0).map(describe);
const warnings = diagnostics.filter((d) => d.severity === 1).map(describe);

const channels = [];
if (document) {
  for (const channel of document.channels().all()) {
    channels.push({
      address: channel.address(),
      messages: channel.messages().all().map((m) => ({
        name: m.name(),
        schemaId: m.payload()?.id() ?? null,
      })),
    });
  }
}
process.stdout.write(JSON.stringify({ parsed: Boolean(document), errors, warnings, channels }));
