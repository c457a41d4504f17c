import type { PostloanIssue } from '../errors/PostloanIssue';
import { fromZodIssues } from '../errors/fromZod';
import { checkJsonValue, parseJson } from '../errors/parseJson';
import { packManifestSchema, type PackManifest, type PolicyDeclaration } from './packSchema';
import { appendAll } from '../errors/appendAll';
import type { AttributeType, DataDeclarations, ObservationType } from './dataDeclarations';
import { packText } from './packMessages';
import { issueFrom } from '../errors/issueText';
import type { IssueText } from '../contract/messages';
import { NO_SCALES, scalesSchema, type DimensionScale, type PackScales } from './scales';

/**
 * How many packs up a chain of `"extends"` may go: a variant of a variant of … of a base, four deep.
 *
 * @example
 * ```ts
 * MAX_EXTENDS_DEPTH; // 4
 * ```
 */
export const MAX_EXTENDS_DEPTH = 4;

/** A file of a pack chain: its key in the file map, its name in messages, and what names it. */
export interface PackFileRef {
  /** Key in the file map: a path relative to the pack's own directory (`buckets.json`, `../cn-default/buckets.json`). */
  readonly key: string;
  /** The file as messages name it (the `dir` given to `loadPack` joined with the key). */
  readonly file: string;
  /** The manifest entry that names it, for "missing file" messages. */
  readonly from: { readonly file: string; readonly path: string; readonly hint?: string };
}

/** One pack of a chain. */
export interface PackLevel {
  /** Key prefix of its files: `''` for the pack itself, `'../cn-default/'` for the pack it extends. */
  readonly prefix: string;
  /** Its pack.json as messages name it. */
  readonly manifestFile: string;
  /** pack.json as read, for the content hash. */
  readonly document: unknown;
  /** Its pack.json, parsed (or salvaged when it has problems, so the rest can still be checked). */
  readonly manifest: PackManifest;
  /** Whether `manifest` passed the schema. */
  readonly valid: boolean;
}

/** A rule file of the resolved pack, with the pack of the chain it belongs to. */
export interface PackRuleFile extends PackFileRef {
  /** Index into {@link ResolvedPackChain.levels}: 0 is the base pack, the last is the pack itself. */
  readonly level: number;
}

/** A chain of packs resolved into one manifest: what `loadPack` validates and compiles. */
export interface ResolvedPackChain {
  /** The base pack first, the pack that was asked for last. */
  readonly levels: readonly PackLevel[];
  readonly id: string;
  readonly version: string;
  readonly description?: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  /** The manifest that sets each of these, for messages. */
  readonly sources: { readonly timeZone: string; readonly parameters: Readonly<Record<string, string>> };
  readonly calendar: 'cn' | PackFileRef;
  readonly calendarFallback: 'error' | 'weekends';
  readonly timeZone: string;
  /** The task-kinds file of the nearest pack that names one. */
  readonly tasks?: PackFileRef;
  /**
   * Every task-kinds file along the chain, the base pack's first: their kinds are merged, a kind of a
   * variant's file replacing the inherited kind of the same name, so a variant adds one kind without
   * copying its parent's file.
   */
  readonly taskFiles: readonly PackFileRef[];
  /** The pack's own lifecycle statechart file, from the nearest pack that names one. */
  readonly statechart?: PackFileRef;
  /** Parameters merged key by key, the pack's own over those it extends. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly policy?: PolicyDeclaration;
  /** Custom operators the packs of the chain require, in first-mention order. */
  readonly requiredOperators: readonly string[];
  /** Attributes and observations declared along the chain, each pack's added to those it extends. */
  readonly declarations: DataDeclarations;
  /** The scales along the chain: dimensions by name, each pack's added to (or replacing by name) those it extends. */
  readonly scales: PackScales;
  /** Rule files in order: the base pack's first. */
  readonly ruleFiles: readonly PackRuleFile[];
  /** False when an `"extends"` could not be followed: what the missing packs would give is not checked. */
  readonly complete: boolean;
  /** `disabledRules` of each level (index as in `levels`). */
  readonly disabledRules: readonly (readonly string[])[];
}

/** Keys a pack.json may hold, offered as suggestions for misspelt ones. */
export const PACK_KEYS: readonly string[] = Object.keys(packManifestSchema.shape);

/**
 * `base` joined with `relative`, `.` and `..` resolved, `/` separated, ending in `/` (`''` for the
 * current directory). Pure string work: the file map, not the file system, is the truth here.
 *
 * @example
 * ```ts
 * joinDir('rules/cn-consumer-credit/', '../cn-default'); // 'rules/cn-default/'
 * joinDir('', '../cn-default'); // '../cn-default/'
 * ```
 */
export function joinDir(base: string, relative: string): string {
  const absolute = base.startsWith('/');
  const out: string[] = [];
  for (const seg of `${base}/${relative}`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && absolute) continue;
    else out.push(seg);
  }
  const joined = out.join('/');
  return `${absolute ? '/' : ''}${joined}${joined === '' ? '' : '/'}`;
}

/**
 * Why an `"extends"` value cannot name a pack directory, or undefined when it can: it must be a
 * relative directory, not an absolute path or a URL.
 *
 * @example
 * ```ts
 * extendsProblem('../cn-default'); // undefined
 * extendsProblem('/etc/packs/base')?.message; // '"extends" must be relative to this pack, not an absolute path'
 * ```
 */
export function extendsProblem(value: string): IssueText | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) return packText.extendsUrl(value);
  if (value.startsWith('/') || value.startsWith('\\') || /^[a-z]:[\\/]/i.test(value)) return packText.extendsAbsolute();
  if (value.includes('\\')) return packText.extendsBackslash(value);
  return undefined;
}

/**
 * The key prefix of the files of the pack that the pack at `prefix` extends with `"extends": value`.
 * `readPackDir` reads the files under these keys; {@link resolvePackChain} looks them up there.
 *
 * @example
 * ```ts
 * extendedPrefix('', '../cn-default'); // '../cn-default/'
 * ```
 */
export function extendedPrefix(prefix: string, value: string): string {
  return joinDir(prefix, value);
}

/**
 * One file of a pack from the file map, parsed; problems (missing, bad JSON, forbidden keys) go to `issues`.
 */
export function readPackFile(files: Readonly<Record<string, unknown>>, ref: PackFileRef, issues: PostloanIssue[]): unknown {
  if (!Object.prototype.hasOwnProperty.call(files, ref.key)) {
    const text = packText.missingFile(ref.key.slice(ref.key.lastIndexOf('/') + 1), ref.file, ref.from.path);
    issues.push(issueFrom({ code: 'pack.missingFile', file: ref.from.file, path: ref.from.path }, ref.from.hint === undefined ? text : { message: text.message, hint: ref.from.hint }));
    return undefined;
  }
  const content = files[ref.key];
  if (typeof content !== 'string') {
    // A caller passed a parsed value: it gets the checks parseJson gives text.
    const checked = checkJsonValue(content, ref.file);
    if (checked.ok) return content;
    appendAll(issues, checked.issues);
    return undefined;
  }
  const parsed = parseJson(content, ref.file);
  if (!parsed.ok) {
    appendAll(issues, parsed.issues);
    return undefined;
  }
  return parsed.value;
}

/** pack.json with a schema problem: keep what can still be used to check the rest. */
function salvageManifest(raw: unknown): PackManifest {
  const m = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const fileName = (v: unknown): v is string => typeof v === 'string' && /^[\w.-]+\.json$/.test(v);
  const calendar = m['calendar'];
  const scales = scalesSchema.optional().safeParse(m['scales']);
  return {
    ...(typeof m['extends'] === 'string' ? { extends: m['extends'] } : {}),
    ...(Array.isArray(m['disabledRules']) ? { disabledRules: m['disabledRules'].filter((r): r is string => typeof r === 'string') } : {}),
    id: text(m['id']),
    version: text(m['version']),
    effectiveFrom: text(m['effectiveFrom']),
    ...(typeof m['effectiveTo'] === 'string' ? { effectiveTo: m['effectiveTo'] } : {}),
    ...(calendar === 'cn'
      ? { calendar: 'cn' as const }
      : calendar !== null && typeof calendar === 'object' && fileName((calendar as { file?: unknown }).file)
        ? { calendar: { file: (calendar as { file: string }).file } }
        : m['extends'] === undefined
          ? { calendar: 'cn' as const }
          : {}),
    calendarFallback: m['calendarFallback'] === 'weekends' ? 'weekends' : 'error',
    ...(typeof m['timeZone'] === 'string' ? { timeZone: m['timeZone'] } : {}),
    ...(Array.isArray(m['rules']) ? { rules: m['rules'].filter(fileName) } : {}),
    ...(fileName(m['tasks']) ? { tasks: m['tasks'] } : {}),
    ...(fileName(m['statechart']) ? { statechart: m['statechart'] } : {}),
    ...(m['parameters'] !== null && typeof m['parameters'] === 'object' && !Array.isArray(m['parameters']) ? { parameters: m['parameters'] as Record<string, unknown> } : {}),
    // Valid scales are kept, so the rules that read a dimension are not also reported as unknown facts.
    ...(scales.success && scales.data !== undefined ? { scales: scales.data } : {}),
  };
}

const has = (doc: unknown, key: string): boolean => doc !== null && typeof doc === 'object' && Object.prototype.hasOwnProperty.call(doc, key);

/**
 * Reads a pack's `pack.json` and, through `"extends"`, those of the packs it varies, and resolves them
 * into one manifest: the pack's own `id`, `version`, `description` and validity dates; `calendar`,
 * `calendarFallback`, `timeZone`, `statechart` and `policy` from the nearest pack that gives them;
 * task kinds merged kind by kind (`taskFiles`);
 * `parameters` merged key by key; rule files of the base pack first. Which rules replace or drop which
 * is decided by `loadPack` as it reads the rule files (a rule with the id of an inherited rule replaces
 * it in place; `disabledRules` drops inherited rules).
 *
 * Pure: the files are a map whose keys are paths relative to the pack's directory, the extended packs'
 * under their relative directory (`../cn-default/pack.json`), as `readPackDir` reads them. Returns
 * undefined when not even the pack's own pack.json can be read; every problem goes to `issues`.
 *
 * @example
 * ```ts
 * const issues: PostloanIssue[] = [];
 * const chain = resolvePackChain({ 'pack.json': child, '../cn-default/pack.json': base, … }, 'rules/variant/', issues);
 * chain?.levels.length; // 2
 * ```
 */
export function resolvePackChain(files: Readonly<Record<string, unknown>>, dir: string, issues: PostloanIssue[]): ResolvedPackChain | undefined {
  const levels: PackLevel[] = [];
  const own = `${dir}pack.json`;
  let ref: PackFileRef = { key: 'pack.json', file: own, from: { file: own, path: '' } };
  const seen = new Map<string, string>([[joinDir(dir, ''), own]]);
  let complete = true;
  for (;;) {
    const document = readPackFile(files, ref, issues);
    if (document === undefined) {
      complete = levels.length === 0;
      break;
    }
    const parsed = packManifestSchema.safeParse(document);
    if (!parsed.success) appendAll(issues, fromZodIssues(parsed.error.issues, ref.file, [], PACK_KEYS));
    const manifest = parsed.success ? parsed.data : salvageManifest(document);
    const prefix = ref.key.slice(0, ref.key.length - 'pack.json'.length);
    levels.push({ prefix, manifestFile: ref.file, document, manifest, valid: parsed.success });
    const value = manifest.extends;
    if (value === undefined) break;
    const problem = extendsProblem(value);
    if (problem !== undefined) {
      issues.push(issueFrom({ code: 'pack.invalid', file: ref.file, path: 'extends' }, problem));
      complete = false;
      break;
    }
    if (levels.length > MAX_EXTENDS_DEPTH) {
      issues.push(issueFrom({ code: 'pack.invalid', file: ref.file, path: 'extends' }, packText.chainTooDeep(own, MAX_EXTENDS_DEPTH, levels[0]?.manifestFile ?? own)));
      complete = false;
      break;
    }
    const next = extendedPrefix(prefix, value);
    const where = joinDir(dir, next);
    const earlier = seen.get(where);
    if (earlier !== undefined) {
      issues.push(issueFrom({ code: 'pack.invalid', file: ref.file, path: 'extends' }, packText.extendsCycle(value, earlier)));
      complete = false;
      break;
    }
    const manifestKey = `${next}pack.json`;
    const display = `${where}pack.json`;
    seen.set(where, display);
    if (!Object.prototype.hasOwnProperty.call(files, manifestKey)) {
      issues.push(issueFrom({ code: 'pack.missingFile', file: ref.file, path: 'extends' }, packText.nothingToExtend(value, display, joinDir(dir, prefix))));
      complete = false;
      break;
    }
    ref = { key: manifestKey, file: display, from: { file: ref.file, path: 'extends' } };
  }
  const self = levels[0];
  if (self === undefined) return undefined;

  // Resolve from the base down, so each pack overrides the one it extends.
  const chain = [...levels].reverse();
  let calendar: ResolvedPackChain['calendar'] = 'cn';
  let calendarFallback: ResolvedPackChain['calendarFallback'] = 'error';
  let timeZone = '';
  let timeZoneSource = self.manifestFile;
  let tasks: PackFileRef | undefined;
  const taskFiles: PackFileRef[] = [];
  let statechart: PackFileRef | undefined;
  let policy: PolicyDeclaration | undefined;
  const parameters: Record<string, unknown> = {};
  const parameterSources: Record<string, string> = {};
  const ruleFiles: PackRuleFile[] = [];
  const requiredOperators: string[] = [];
  let attributes: Record<string, AttributeType> | undefined;
  let observations: Record<string, ObservationType> | undefined;
  const dimensions = new Map<string, DimensionScale>();
  let buckets: PackScales['buckets'] | undefined;
  let classification: PackScales['classification'] | undefined;
  chain.forEach((level, index) => {
    const m = level.manifest;
    const inPack = (name: string, path: string): PackFileRef => ({
      key: `${level.prefix}${name}`,
      file: `${joinDir(dir, level.prefix)}${name}`,
      from: { file: level.manifestFile, path },
    });
    if (m.calendar !== undefined) {
      calendar =
        m.calendar === 'cn'
          ? 'cn'
          : inPack(m.calendar.file, 'calendar.file');
    }
    if (has(level.document, 'calendarFallback') || index === 0) calendarFallback = m.calendarFallback;
    if (m.timeZone !== undefined) {
      timeZone = m.timeZone;
      timeZoneSource = level.manifestFile;
    }
    if (m.tasks !== undefined) {
      tasks = inPack(m.tasks, 'tasks');
      taskFiles.push(tasks);
    }
    if (m.statechart !== undefined) statechart = inPack(m.statechart, 'statechart');
    if (m.policy !== undefined) policy = m.policy;
    for (const name of m.requires?.operators ?? []) if (!requiredOperators.includes(name)) requiredOperators.push(name);
    if (m.attributes !== undefined) attributes = Object.assign(attributes ?? Object.create(null), m.attributes) as Record<string, AttributeType>;
    if (m.scales?.buckets !== undefined) buckets = m.scales.buckets.map((b) => (b.to === undefined ? { name: b.name, from: b.from } : { name: b.name, from: b.from, to: b.to }));
    if (m.scales?.classification !== undefined) classification = m.scales.classification;
    for (const [name, d] of Object.entries(m.scales?.dimensions ?? {})) {
      dimensions.set(name, { name, values: d.values, sticky: d.sticky ?? [], ...(d.description === undefined ? {} : { description: d.description }) });
    }
    if (m.observations !== undefined) observations = Object.assign(observations ?? Object.create(null), m.observations) as Record<string, ObservationType>;
    for (const [name, value] of Object.entries(m.parameters ?? {})) {
      parameters[name] = value;
      parameterSources[name] = level.manifestFile;
    }
    (m.rules ?? []).forEach((name, i) => ruleFiles.push({ ...inPack(name, `rules[${i}]`), level: index }));
  });
  const m = self.manifest;
  return {
    levels: chain,
    id: m.id,
    version: m.version,
    ...(m.description === undefined ? {} : { description: m.description }),
    effectiveFrom: m.effectiveFrom,
    ...(m.effectiveTo === undefined ? {} : { effectiveTo: m.effectiveTo }),
    sources: { timeZone: timeZoneSource, parameters: parameterSources },
    calendar,
    calendarFallback,
    timeZone,
    ...(tasks === undefined ? {} : { tasks }),
    taskFiles,
    ...(statechart === undefined ? {} : { statechart }),
    parameters,
    ...(policy === undefined ? {} : { policy }),
    requiredOperators,
    declarations: { attributes, observations },
    scales: {
      buckets: buckets ?? NO_SCALES.buckets,
      classification: classification ?? NO_SCALES.classification,
      dimensions: [...dimensions.values()],
      declared: { buckets: buckets !== undefined, classification: classification !== undefined },
    },
    ruleFiles,
    complete,
    disabledRules: chain.map((l) => l.manifest.disabledRules ?? []),
  };
}
