// Points each input file at its JSON Schema in schemas/: inserts "$schema": "<relative path>" as the
// first key and leaves every other byte of the file as it was (or updates the value when it differs).
//
//   node scripts/add-schema-refs.mjs [--check] <pack-dir | history.json | calendar.json> ...
//
// A pack directory: pack.json, its rule files, its task-kinds file and its calendar file (if it names
// one). A file: a loan history (has "loan") or a calendar (has "holidays" and "workdays").
// --check writes nothing and exits 1 if some file lacks its reference (for CI).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** The `$schema` value for `file`: the path of schemas/<schema> relative to the file's directory, with `/`. */
function schemaRef(file, schema) {
  return relative(dirname(resolve(file)), join(SCHEMAS_DIR, schema)).split(sep).join('/');
}

/**
 * `text` (a JSON object) with `"$schema": ref` as its first key, formatted like the key it precedes.
 * Returns `text` itself when the reference is already there. Throws when the text is not a JSON object
 * or has `$schema` somewhere other than first.
 */
function withSchemaRef(text, ref) {
  const value = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
  const first = /^(\uFEFF?\s*\{\s*)"\$schema"(\s*:\s*)("(?:[^"\\]|\\.)*")/.exec(text);
  let out;
  if (first !== null) {
    if (JSON.parse(first[3]) === ref) return text;
    out = `${first[1]}"$schema"${first[2]}${JSON.stringify(ref)}${text.slice(first[0].length)}`;
  } else {
    if (Object.hasOwn(value, '$schema')) throw new Error('"$schema" is not the first key: move it to the top by hand');
    const open = /^(\uFEFF?\s*\{)(\s*)/.exec(text);
    if (open === null) throw new Error('not a JSON object');
    const [head, brace, space] = open;
    const rest = text.slice(head.length);
    // Empty object: nothing to copy the layout from.
    out = rest.startsWith('}') ? `${brace} "$schema": ${JSON.stringify(ref)} ${rest}` : `${brace}${space}"$schema": ${JSON.stringify(ref)},${space}${rest}`;
  }
  const parsed = JSON.parse(out);
  if (Object.keys(parsed)[0] !== '$schema' || !isDeepStrictEqual(parsed, { ...value, $schema: ref })) throw new Error('internal error: the edit changed the content');
  return out;
}

/** The files to point at a schema, each with its schema's file name. */
function targets(path) {
  if (statSync(path).isDirectory()) {
    const manifest = JSON.parse(readFileSync(join(path, 'pack.json'), 'utf8'));
    const list = [[join(path, 'pack.json'), 'pack.schema.json']];
    for (const name of manifest.rules ?? []) list.push([join(path, name), 'rules.schema.json']);
    if (typeof manifest.tasks === 'string') list.push([join(path, manifest.tasks), 'task-kinds.schema.json']);
    if (typeof manifest.calendar === 'object' && manifest.calendar !== null) list.push([join(path, manifest.calendar.file), 'calendar.schema.json']);
    return list;
  }
  const value = JSON.parse(readFileSync(path, 'utf8'));
  if (value !== null && typeof value === 'object' && 'loan' in value) return [[path, 'history.schema.json']];
  if (value !== null && typeof value === 'object' && 'holidays' in value && 'workdays' in value) return [[path, 'calendar.schema.json']];
  throw new Error(`${path}: neither a pack directory, a loan history nor a calendar`);
}

function run(args) {
  const check = args.includes('--check');
  const paths = args.filter((a) => a !== '--check');
  if (paths.length === 0) {
    console.error('usage: node scripts/add-schema-refs.mjs [--check] <pack-dir | history.json | calendar.json> ...');
    return 2;
  }
  let missing = 0;
  for (const path of paths) {
    for (const [file, schema] of targets(path)) {
      const text = readFileSync(file, 'utf8');
      let next;
      try {
        next = withSchemaRef(text, schemaRef(file, schema));
      } catch (e) {
        throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (next === text) continue;
      if (check) {
        console.error(`${file}: no "$schema": ${JSON.stringify(schemaRef(file, schema))}`);
        missing++;
      } else {
        writeFileSync(file, next);
        console.log(`${file}: "$schema": ${JSON.stringify(schemaRef(file, schema))}`);
      }
    }
  }
  return missing > 0 ? 1 : 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
