/**
 * Hostile request parts for the fuzz test (fuzz.test.ts): JSON bodies, query strings and path parameters made by
 * mutating a valid template with values that break types, lengths, formats and nesting, and a model of what Fastify
 * hands a route for each of them, so the test knows which requests a route must refuse. The templates are checked
 * against the shared schemas, and whether a mutated request is valid is always the schema's decision, never a guess.
 */
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { BODY_LIMIT_BYTES } from '#server/app.ts';

/** JSON text put into a body as it is: numbers JSON.stringify cannot write (1e400), nesting too deep to build. */
class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return this.text.length > 40 ? `raw(${this.text.slice(0, 12)}…${this.text.length} chars)` : `raw(${this.text})`;
  }
}

/** `count` copies of `unit` as one string, written out only when the request is: counterexamples stay printable. */
class Repeated {
  constructor(
    readonly unit: string,
    readonly count: number,
  ) {}
  [fc.toStringMethod](): string {
    return `repeat(${JSON.stringify(this.unit)}, ${this.count})`;
  }
}

/** An array of `count` copies of `item`. */
class Many {
  constructor(
    readonly item: unknown,
    readonly count: number,
  ) {}
  [fc.toStringMethod](): string {
    return `many(${fc.stringify(this.item)}, ${this.count})`;
  }
}

/** Arrays nested `depth` deep, or objects when `objects`: `[[[…]]]`, `{"a":{"a":…1}}`. */
function nested(depth: number, objects = false): RawJson {
  return new RawJson(objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`);
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson) && !(value instanceof Repeated) && !(value instanceof Many);
}

/** An own, enumerable key, even `__proto__`: what JSON.parse makes of `{"__proto__": …}`. */
function withKey(object: JsonObject, key: string, value: unknown): JsonObject {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(object)) as JsonObject;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The JSON text of a value with lazy parts; own `__proto__` keys are written like any other key. */
function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof Repeated) return JSON.stringify(value.unit.repeat(value.count));
  if (value instanceof Many) return `[${new Array<string>(value.count).fill(jsonText(value.item)).join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${jsonText(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** A lazy string written out; anything else as it is. */
function plainString(value: unknown): unknown {
  return value instanceof Repeated ? value.unit.repeat(value.count) : value;
}

export type Path = readonly (string | number)[];

/** Every path into a template (arrays: their first three items), the root first. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const found: Path[] = [path];
  if (Array.isArray(value)) value.slice(0, 3).forEach((item, i) => found.push(...pathsOf(item, [...path, i])));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) found.push(...pathsOf(item, [...path, key]));
  return found;
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const step of path) node = Array.isArray(node) || isObject(node) ? (node as JsonObject)[step] : undefined;
  return node;
}

/** A copy of `root` with `change` applied to the node at `path`; unchanged when an earlier change removed the path. */
function update(root: unknown, path: Path, change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(root);
  const [step, ...rest] = path;
  if (Array.isArray(root) && typeof step === 'number' && step < root.length) {
    const copy = [...(root as unknown[])];
    copy[step] = update(root[step], rest, change);
    return copy;
  }
  if (isObject(root) && typeof step === 'string' && Object.hasOwn(root, step)) return withKey(root, step, update(root[step], rest, change));
  return root;
}

export type Mutation =
  | { readonly op: 'set'; readonly path: Path; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: Path }
  | { readonly op: 'add'; readonly path: Path; readonly key: string; readonly value: unknown };

export function mutate(template: unknown, mutations: readonly Mutation[]): unknown {
  return mutations.reduce<unknown>((value, m) => {
    if (m.op === 'set') return update(value, m.path, () => m.value);
    if (m.op === 'add') return update(value, m.path, (node) => (isObject(node) ? withKey(node, m.key, m.value) : Array.isArray(node) ? [...(node as unknown[]), m.value] : node));
    const parent = m.path.slice(0, -1);
    const last = m.path.at(-1);
    return update(value, parent, (node) => {
      if (Array.isArray(node) && typeof last === 'number') return (node as unknown[]).filter((_, i) => i !== last);
      if (!isObject(node) || typeof last !== 'string') return node;
      const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(node)) as JsonObject;
      delete copy[last];
      return copy;
    });
  }, template);
}

/** Values that break or strain a field of any type; which of them a field accepts is the schema's call. */
const HOSTILE_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 1, 2, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, new RawJson('1e400'), new RawJson('-1e400'), new RawJson('-0'),
  new RawJson('1E2'), new RawJson('1e-400'), '', ' ', '0', '1', '-1', 'true', 'null', 'NaN', 'Infinity', '1e400', '__proto__', 'constructor',
  'prototype', 'toString', 'hasOwnProperty', 'valueOf', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\u202Egnp.exe', '\u200B', '\u0007\u001b[31m',
  'a\r\nSet-Cookie: x=1', '💩', 'e\u0301', 'ǅ', 'ＡＢＣ', '\\', '"', "'; DROP TABLE accounts; --", '%00', '../../etc/passwd', '<script>alert(1)</script>',
  '2025-02-30', '2025-03-04T08:30:00.000Z', '9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00Z', '0190f7a2-0000-7000-8000-000000000001',
  '00000000-0000-0000-0000-000000000000', 'ffffffffffffffff', 'FFFFFFFFFFFFFFFF', new Repeated('x', 12), new Repeated('x', 64), new Repeated('x', 65),
  new Repeated('x', 100), new Repeated('x', 101), new Repeated('x', 200), new Repeated('x', 201), new Repeated('é', 1000), new Repeated(' ', 50),
  new Repeated('\u0000', 20), new Repeated('x', 100_000), [], [null], [[]], [''], {}, { a: 1 }, new Many(0, 101), new Many('kyrkslatt', 3),
  new Many(null, 100_000), nested(28), nested(31), nested(32), nested(40, true), nested(1000), nested(100_000),
];

/** Values shaped after the template's own value at a path: a near miss is where a check has to be exact. */
function nearMisses(sample: unknown): unknown[] {
  if (typeof sample === 'string') {
    const flipped = sample.length > 0 ? `${sample.slice(0, -1)}${sample.endsWith('z') ? 'Z' : 'z'}` : 'z';
    return [
      sample.toUpperCase(), ` ${sample} `, `${sample}x`, sample.slice(0, -1), sample.slice(1), flipped, `${sample}\u0000`, sample.repeat(2),
      sample.normalize('NFD'), `\uFEFF${sample}`, [sample], { value: sample },
    ];
  }
  if (typeof sample === 'number') return [sample + 1, sample - 1, -sample, sample + 0.5, String(sample), [sample], new RawJson(`${sample}.0`)];
  if (typeof sample === 'boolean') return [String(sample), Number(sample), [sample]];
  if (Array.isArray(sample)) {
    const items = sample as unknown[];
    const [first] = items;
    return [[...items, ...items], items.slice(1), [first, null], new Many(first, 101), new Many(first, 501), new Many(first, 1001), jsonText(items)];
  }
  if (isObject(sample)) return [[sample], jsonText(sample), Object.keys(sample)];
  return [];
}

/** Keys added to objects: prototype names, keys no identifier allows, and ordinary extras a schema must strip. */
const HOSTILE_KEYS: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'extra', 'isAdmin', '', ' ', '1a', 'a-b', 'a.b', '$where', 'ä', '💩', '\u0000',
  'x'.repeat(65), 'v', 'id', 'role', 'seq',
];

/** What an added key holds: with `__proto__` or `constructor` some of these are prototype pollution attempts. */
const ADDED_VALUES: readonly unknown[] = [1, 'x', null, true, [], { polluted: true }, { prototype: { polluted: true } }, nested(40), new Many(0, 1000)];

/** Mutations of a JSON template: replace a value, drop a key or an item, add a key (each path of the template). */
export function jsonMutations(template: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(template);
  const containers = paths.filter((p) => typeof valueAt(template, p) === 'object' && valueAt(template, p) !== null);
  const set = fc.integer({ min: 0, max: paths.length - 1 }).chain((i) => {
    const path = paths[i]!;
    const values = [...HOSTILE_VALUES, ...nearMisses(valueAt(template, path))];
    return fc.constantFrom(...values).map((value): Mutation => ({ op: 'set', path, value }));
  });
  const inner = paths.filter((p) => p.length > 0);
  const remove = fc.constantFrom(...inner).map((path): Mutation => ({ op: 'remove', path }));
  const add = fc
    .record({ path: fc.constantFrom(...containers), key: fc.constantFrom(...HOSTILE_KEYS), value: fc.constantFrom(...ADDED_VALUES) })
    .map((m): Mutation => ({ op: 'add', ...m }));
  return fc.oneof({ weight: 6, arbitrary: set }, { weight: 2, arbitrary: remove }, { weight: 2, arbitrary: add });
}

export type BodyDraft =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown; readonly contentType: string; readonly badUtf8?: BadUtf8 }
  | { readonly kind: 'text'; readonly text: string; readonly contentType: string | undefined }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly contentType: string }
  | { readonly kind: 'oversize'; readonly extra: number; readonly contentType: string }
  | { readonly kind: 'compressed'; readonly inner: BodyDraft; readonly encoding: Compression };

/** Request bodies may come compressed (@fastify/compress decompresses them); the 1 MiB limit is on what they expand to. */
export type Compression = 'gzip' | 'deflate' | 'br';

const compressors: Record<Compression, (data: Buffer) => Buffer> = {
  gzip: (data) => gzipSync(data),
  deflate: (data) => deflateSync(data),
  // Brotli's default (best) quality takes seconds on 16 MiB; the server's work is the same at any quality.
  br: (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
};

/**
 * Invalid UTF-8 put in place of the first characters of the `string`-th plain string literal of a JSON body, one
 * character per byte. Each sequence decodes to one U+FFFD per byte, so no string gets shorter or longer (a too-short
 * password stays too short), and U+FFFD is outside every pattern the schemas allow: this never makes a body valid.
 */
export interface BadUtf8 {
  readonly string: number;
  readonly bytes: readonly number[];
}

const BAD_UTF8_SEQUENCES: readonly (readonly number[])[] = [[0xff], [0xfe], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

/** JSON content types Fastify parses, or refuses (415, or 400 for an unsupported charset): never anything else. */
const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'APPLICATION/JSON', 'application/json; charset=utf-16', 'application/json, text/plain'];
/** Content types no route reads: Fastify answers 415 before any route sees them. */
const OTHER_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/xml', 'text/html', 'application/vnd.api+json', '', ';;;='];

const MALFORMED_JSON = ['{', '}', '{"a":', '{"a" 1}', "{'a':1}", '[1,]', '{"a":1,}', '{"a":1}}', 'NaN', 'undefined', '{"a":NaN}', '{"a":0x10}', '01', '{"a":"\u0000"', '/*x*/{}', '\uFEFF{', '{"a":"\\x41"}', '{"a":"\\u12"}', '"unterminated', '[' + '['.repeat(50)];

/** A body carrying a mutated JSON value, the way a client, a proxy or an attacker might send it. */
export function jsonBodies(values: fc.Arbitrary<unknown>): fc.Arbitrary<BodyDraft> {
  const plain = fc.record({ value: values, contentType: fc.constantFrom(...JSON_TYPES.slice(0, 3)) }).map((b): BodyDraft => ({ kind: 'json', ...b }));
  const compressed = fc
    .record({ value: values, encoding: fc.constantFrom<Compression>('gzip', 'deflate', 'br') })
    .map(({ value, encoding }): BodyDraft => ({ kind: 'compressed', inner: { kind: 'json', value, contentType: 'application/json' }, encoding }));
  const oddType = fc.record({ value: values, contentType: fc.constantFrom(...JSON_TYPES.slice(3), 'text/plain', ...OTHER_TYPES) }).map((b): BodyDraft => ({ kind: 'json', ...b }));
  const badUtf8 = fc
    .record({ value: values, string: fc.nat(40), bytes: fc.constantFrom(...BAD_UTF8_SEQUENCES) })
    .map(({ value, string, bytes }): BodyDraft => ({ kind: 'json', value, contentType: 'application/json', badUtf8: { string, bytes } }));
  const broken = fc
    .record({ value: values, cut: fc.double({ min: 0, max: 1, noNaN: true }), tail: fc.constantFrom('', '}', ',', 'x', ']', '\u0000', '{}') })
    .map(({ value, cut, tail }): BodyDraft => {
      const text = jsonText(value);
      return { kind: 'text', text: `${text.slice(0, Math.floor(text.length * cut))}${tail}`, contentType: 'application/json' };
    });
  return fc.oneof({ weight: 12, arbitrary: plain }, { weight: 2, arbitrary: oddType }, { weight: 2, arbitrary: badUtf8 }, { weight: 1, arbitrary: broken }, { weight: 1, arbitrary: compressed }, { weight: 2, arbitrary: unparseableBodies() });
}

/** Bodies Fastify itself refuses before a route runs: malformed JSON, empty JSON, unknown types, over 1 MiB. */
export function unparseableBodies(): fc.Arbitrary<BodyDraft> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text): BodyDraft => ({ kind: 'text', text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n').map((text): BodyDraft => ({ kind: 'text', text, contentType: 'application/json' })) },
    {
      weight: 2,
      arbitrary: fc.record({ text: fc.constantFrom('a=1', '{"v":1}', '--x\r\n'), contentType: fc.constantFrom(...OTHER_TYPES) }).map((b): BodyDraft => ({ kind: 'text', ...b })),
    },
    { weight: 1, arbitrary: fc.constantFrom('{"v":1}', 'a=1').map((text): BodyDraft => ({ kind: 'text', text, contentType: undefined })) },
    {
      weight: 2,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((bytes): BodyDraft => ({ kind: 'bytes', bytes: Uint8Array.from([0xff, ...bytes]), contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ extra: fc.integer({ min: 1, max: 4096 }), contentType: fc.constantFrom('application/json', 'text/plain') })
        .map((b): BodyDraft => ({ kind: 'oversize', ...b })),
    },
    {
      // A few kilobytes on the wire that expand past the limit: 16 MiB of one letter compresses to about 16 KiB.
      weight: 1,
      arbitrary: fc
        .record({ extra: fc.constantFrom(1, 15 * BODY_LIMIT_BYTES), encoding: fc.constantFrom<Compression>('gzip', 'deflate', 'br') })
        .map(({ extra, encoding }): BodyDraft => ({ kind: 'compressed', inner: { kind: 'oversize', extra, contentType: 'application/json' }, encoding })),
    },
  );
}

/** Any body at all, for routes that read none: they must not trip over one either. */
export function anyBodies(): fc.Arbitrary<BodyDraft> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<BodyDraft>({ kind: 'none' }) },
    { weight: 2, arbitrary: jsonBodies(fc.constantFrom<unknown>({}, [], { a: 1 }, 'x', null, nested(100), new Many(0, 10_000))) },
    { weight: 1, arbitrary: fc.constantFrom('x', '').map((text): BodyDraft => ({ kind: 'text', text, contentType: 'text/plain' })) },
  );
}

/** Replaces characters of the chosen string literal with invalid UTF-8 (see BadUtf8). */
function withBadUtf8(text: string, { string, bytes }: BadUtf8): Buffer {
  const literals = [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)].filter((m) => /^"[ -~]*"$/.test(m[0]) && !m[0].includes('\\') && m[0].length - 2 >= bytes.length);
  const literal = literals.length === 0 ? undefined : literals[string % literals.length];
  if (literal === undefined) return Buffer.from(text);
  const start = literal.index + 1;
  return Buffer.concat([Buffer.from(text.slice(0, start)), Buffer.from(bytes), Buffer.from(text.slice(start + bytes.length))]);
}

export interface Payload {
  readonly payload?: string | Buffer;
  readonly contentType?: string;
  readonly contentEncoding?: Compression;
}

/** Each case goes out three times; a compressed 16 MiB body is worth making once. */
const payloads = new WeakMap<BodyDraft, Payload>();

/** The payload as it goes on the wire, its content type and encoding. */
export function payloadOf(body: BodyDraft): Payload {
  let payload = payloads.get(body);
  if (payload === undefined) {
    payload = makePayload(body);
    payloads.set(body, payload);
  }
  return payload;
}

function makePayload(body: BodyDraft): Payload {
  switch (body.kind) {
    case 'compressed': {
      const { payload, contentType } = payloadOf(body.inner);
      const data = compressors[body.encoding](Buffer.from(payload ?? ''));
      return contentType === undefined ? { payload: data, contentEncoding: body.encoding } : { payload: data, contentType, contentEncoding: body.encoding };
    }
    case 'none':
      return {};
    case 'json': {
      const text = jsonText(body.value);
      return { payload: body.badUtf8 === undefined ? text : withBadUtf8(text, body.badUtf8), contentType: body.contentType };
    }
    case 'text':
      return body.contentType === undefined ? { payload: body.text } : { payload: body.text, contentType: body.contentType };
    case 'bytes':
      return { payload: Buffer.from(body.bytes), contentType: body.contentType };
    case 'oversize':
      return { payload: JSON.stringify({ padding: 'x'.repeat(BODY_LIMIT_BYTES + body.extra) }), contentType: body.contentType };
  }
}

/**
 * Fastify's prototype-poisoning check (secure-json-parse, which it runs with `error` for both): a `__proto__` key,
 * or a `constructor` key holding an object with a `prototype` key, anywhere in the body makes it a 400.
 */
function poisoned(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Object.hasOwn(node, '__proto__')) return true;
    const ctor: unknown = Object.hasOwn(node, 'constructor') ? (node as JsonObject)['constructor'] : undefined;
    if (typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) return true;
    stack.push(...Object.values(node as JsonObject));
  }
  return false;
}

/** What a route can find in `request.body`: nothing, because Fastify answers first, or this value. */
export type Seen = { readonly refused: true } | { readonly refused: false; readonly value: unknown };

/**
 * The body a route handler gets, as far as the request decides it. For a content type Fastify may either parse or
 * refuse, the parsed value is taken: the route must then refuse that value for the request to count as refused.
 */
export function seenBody(method: string, body: BodyDraft): Seen {
  if (method === 'GET' || method === 'HEAD') return { refused: false, value: undefined };
  if (body.kind === 'compressed') return seenBody(method, body.inner);
  if (body.kind === 'oversize') return { refused: true };
  const { payload, contentType } = payloadOf(body);
  if (payload === undefined) return { refused: false, value: undefined };
  if (Buffer.byteLength(payload) > BODY_LIMIT_BYTES) return { refused: true };
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('text/plain')) return { refused: false, value: text };
  if (!type.startsWith('application/json')) return { refused: true };
  try {
    // Fastify's JSON parser (secure-json-parse) drops a leading byte order mark.
    const value: unknown = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    return poisoned(value) ? { refused: true } : { refused: false, value };
  } catch {
    return { refused: true };
  }
}

/** How many objects and arrays deep a value nests (a scalar: 0). */
export function nesting(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export type QueryValue = string | readonly string[];
export type QueryModel = Readonly<Record<string, QueryValue>>;

/** How one query parameter is written: plainly, every byte percent-encoded, or with `+` for spaces. */
export type QueryEncoding = 'plain' | 'percent' | 'plus';

export interface QueryDraft {
  readonly params: readonly (readonly [name: string, value: string, encoding: QueryEncoding])[];
  /** Fragments appended as they are: stray separators, broken escapes, bracket keys, keys that parse as nothing. */
  readonly junk: readonly string[];
}

const QUERY_JUNK = ['&', '&&', '&=', '&=x', '&%zz', '&%=1', '&x%E0%A4%A=1', '&a[]=1', '&a[b]=1', '&__proto__[x]=1', '&constructor=1', '&%00=%00', '&x=%FF%FE', ';x=1', '&x=' + 'y'.repeat(5000)];

/** Strings a query parameter might hold: numbers in every spelling, and the string hostilities of JSON bodies. */
const HOSTILE_QUERY_VALUES: readonly string[] = [
  '0', '-0', '00', '+1', ' 1', '1 ', '0x10', '0b1', '1e3', '1.0', '1.5', '-1', '', '9007199254740991', '9007199254740992', '1e400', 'Infinity', 'NaN',
  '1_0', '٣', '１', 'true', '[]', '{}', 'null', ...HOSTILE_VALUES.flatMap((v) => {
    const s = plainString(v);
    return typeof s === 'string' && s.length <= 5000 ? [s] : [];
  }),
];

/** A query model as a query string (without the `?`). */
export function queryString(draft: QueryDraft): string {
  const encode = (s: string, how: QueryEncoding) => {
    if (how === 'percent') return [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    return how === 'plus' ? encodeURIComponent(s).replace(/%20/g, '+') : encodeURIComponent(s);
  };
  return [draft.params.map(([name, value, how]) => `${encode(name, how)}=${encode(value, how)}`).join('&'), ...draft.junk].join('');
}

/** Query strings made from a valid template by replacing, dropping, repeating and adding parameters. */
export function queries(
  template: Readonly<Record<string, string>>,
  /** Values worth trying for a parameter besides the general ones (cursors that decode to hostile positions). */
  extra: Readonly<Record<string, readonly string[]>> = {},
): fc.Arbitrary<{ model: QueryModel; draft: QueryDraft }> {
  const names = Object.keys(template);
  const value = (name: string): fc.Arbitrary<QueryValue> => {
    const choices: fc.WeightedArbitrary<QueryValue>[] = [
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_QUERY_VALUES, ...nearMisses(template[name]).filter((v): v is string => typeof v === 'string')) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(template[name] ?? '', '0', 'x', ''), { minLength: 2, maxLength: 3 }) },
    ];
    const own = extra[name] ?? [];
    if (own.length > 0) choices.push({ weight: 2, arbitrary: fc.constantFrom(...own) });
    return fc.oneof(...choices);
  };
  const change = names.length === 0 ? fc.constant(null) : fc.constantFrom(...names).chain((name) => fc.record({ name: fc.constant(name), value: fc.option(value(name), { nil: undefined, freq: 4 }) }));
  return fc
    .record({
      changes: fc.array(change, { minLength: 1, maxLength: 3 }),
      added: fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS.filter((k) => !names.includes(k))), fc.constantFrom(...HOSTILE_QUERY_VALUES)), { maxLength: 2 }),
      encodings: fc.array(fc.constantFrom<QueryEncoding>('plain', 'plain', 'percent', 'plus'), { minLength: 8, maxLength: 8 }),
      junk: fc.array(fc.constantFrom(...QUERY_JUNK), { maxLength: 2 }),
    })
    .map(({ changes, added, encodings, junk }) => {
      const model: Record<string, QueryValue> = { ...template };
      for (const c of changes) {
        if (c === null) continue;
        if (c.value === undefined) delete model[c.name];
        else model[c.name] = c.value;
      }
      for (const [name, v] of added) if (name !== '') model[name] = v;
      // A URL carries UTF-8, so a lone surrogate arrives as U+FFFD: the model holds what the server will read.
      const wellFormed = (one: string) => Buffer.from(one).toString('utf8');
      for (const [name, v] of Object.entries(model)) model[name] = typeof v === 'string' ? wellFormed(v) : v.map(wellFormed);
      const params = Object.entries(model).flatMap(([name, v], i) =>
        (typeof v === 'string' ? [v] : v).map((one) => [name, one, encodings[i % encodings.length]!] as const),
      );
      return { model, draft: { params, junk } };
    });
}

/** A path parameter: a value that is encoded into the path, or a raw segment written as it is. */
export interface ParamDraft {
  readonly value: string;
  readonly raw: boolean;
}

/** Raw path segments: broken escapes (400), dot segments, encoded slashes and NUL. */
const RAW_SEGMENTS = ['%zz', '%', '%E0%A4%A', '%2e%2e', '..', '.', '%2F', 'a%2Fb', '%00', ';', '*', '%20'];

/** Strings that are no id of any kind, for path parameters. */
const HOSTILE_SEGMENTS = [
  'x', '0', '-1', 'null', 'undefined', '__proto__', 'constructor', 'toString', ' ', 'a b', "'", '"', '💩', '\u0000', 'x'.repeat(99), 'x'.repeat(101),
  'x'.repeat(1000), '0190f7a2-0000-7000-8000-00000000000g', '{0190f7a2-0000-7000-8000-000000000001}', '0190f7a200007000800000000000001', 'fffffffffffffff',
  'fffffffffffffffff', 'GGGGGGGGGGGGGGGG', 'ffff-ffff-ffff-ff',
];

/** A path parameter: one of `known` (real or well-formed ids), a near miss of one, or something that is no id. */
export function params(known: readonly string[]): fc.Arbitrary<ParamDraft> {
  const misses = known.flatMap((id) => [id.toUpperCase(), `${id}x`, id.slice(1), ` ${id}`, `${id}/`, `${id}?x=1`]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known).map((value) => ({ value, raw: false })) },
    { weight: 3, arbitrary: fc.constantFrom(...misses, ...HOSTILE_SEGMENTS).map((value) => ({ value, raw: false })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((value) => ({ value, raw: true })) },
  );
}

/** The parameter a route gets, or null when the segment cannot be decoded (Fastify answers 400). */
export function decodedParam({ value, raw }: ParamDraft): string | null {
  if (!raw) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function segmentOf({ value, raw }: ParamDraft): string {
  return raw ? value : encodeURIComponent(value);
}

/** Whether a schema accepts a value. */
export function accepts(schema: z.core.$ZodType, value: unknown): boolean {
  return z.safeParse(schema, value).success;
}

/**
 * The fields of a schema a template leaves out (as paths), and the options of a union no item of an array shows:
 * a field the template does not have is a field no mutation reaches.
 */
export function missingFields(schema: z.core.$ZodType, template: unknown, path = ''): string[] {
  if (schema instanceof z.core.$ZodOptional || schema instanceof z.core.$ZodDefault || schema instanceof z.core.$ZodNullable) {
    return template === undefined || template === null ? [] : missingFields(schema._zod.def.innerType, template, path);
  }
  if (schema instanceof z.core.$ZodObject) {
    if (!isObject(template)) return [path === '' ? '(the body)' : path];
    return Object.entries(schema._zod.def.shape).flatMap(([key, field]) =>
      Object.hasOwn(template, key) ? missingFields(field, template[key], `${path}.${key}`) : [`${path}.${key}`],
    );
  }
  if (schema instanceof z.core.$ZodArray) {
    if (!Array.isArray(template) || template.length === 0) return [`${path}[]`];
    const element = schema._zod.def.element;
    const options = element instanceof z.core.$ZodUnion ? element._zod.def.options : [];
    const unshown = options.flatMap((option, i) => (template.some((item) => accepts(option, item)) ? [] : [`${path}[] (union option ${i})`]));
    return [...unshown, ...template.flatMap((item, i) => missingFields(element, item, `${path}[${i}]`))];
  }
  if (schema instanceof z.core.$ZodUnion) {
    const option = schema._zod.def.options.find((o) => accepts(o, template));
    return option === undefined ? [path] : missingFields(option, template, path);
  }
  if (schema instanceof z.core.$ZodRecord) return isObject(template) && Object.keys(template).length > 0 ? [] : [`${path}{}`];
  return [];
}
