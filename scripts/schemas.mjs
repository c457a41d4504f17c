// Regenerates schemas/*.schema.json from the zod schemas, through the built package (npm run schemas).
// tests/rules/jsonSchemas.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { jsonSchemas } from '../dist/index.js';

const dir = new URL('../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
const schemas = jsonSchemas();
for (const [file, schema] of Object.entries(schemas)) {
  writeFileSync(new URL(file, dir), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schemas/${file} written`);
}
// A schema that is no longer generated must not linger in the package.
for (const file of readdirSync(dir)) {
  if (file.endsWith('.schema.json') && !Object.hasOwn(schemas, file)) {
    rmSync(new URL(file, dir));
    console.log(`schemas/${file} removed`);
  }
}
