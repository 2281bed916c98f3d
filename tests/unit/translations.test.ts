/**
 * The translations check (QUALITY.md, "Accessibility and language"): every language has every key of the source
 * language (en) and nothing else, with the plural forms its CLDR rules need; the `{{placeholders}}` agree; every en
 * key is used by the client code and every key the code asks for exists. Each failure is one line saying exactly
 * what is wrong and where.
 *
 * Keys are read from the client source with the TypeScript parser, not with regular expressions:
 * - `const { t } = useTranslation('ns')` or `useTranslation(['ns', ...])`: a key without `ns:` is in the first one.
 * - `t` received as a parameter typed `TFunction`: its keys must name their namespace.
 * - A template literal is a family of keys: t(`clients:status.${s}`) uses every key under `clients:status.`.
 * - Anything the check cannot follow (a key in a variable, `<Trans>`, `keyPrefix`) fails, so no key goes unseen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fieldErrorCodes, requestErrorCodes } from '#shared/errors.ts';
import { clientFields, clientStatuses, customerGroups } from '#shared/schema/client.ts';
import { municipalities } from '#shared/schema/common.ts';
import { meetingPlaces } from '#shared/schema/note.ts';
import { noteTopics, serviceAreas } from '#shared/domain/noteTopics.ts';
import { namespaces } from '#client/i18n/i18n.ts';
import { uiLanguageCodes } from '#client/i18n/languages.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCALES = join(ROOT, 'locales');
const CLIENT_SRC = join(ROOT, 'src/client');
const SOURCE_LANGUAGE = 'en';
const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;
/** i18next options that are not interpolation values. */
const RESERVED_OPTIONS = new Set([
  'count', 'ns', 'defaultValue', 'context', 'lng', 'lngs', 'fallbackLng', 'returnObjects', 'returnDetails', 'joinArrays',
  'ordinal', 'replace', 'interpolation', 'postProcess', 'keyPrefix', 'nsSeparator', 'keySeparator',
]);

// ---------------------------------------------------------------------------------------------------------------
// Locale files

type Flat = Map<string, string>;

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

const languageDirs = readdirSync(LOCALES).filter((d) => isDirectory(join(LOCALES, d))).sort();
const otherLanguages = languageDirs.filter((l) => l !== SOURCE_LANGUAGE);

function namespaceFiles(lng: string): string[] {
  return readdirSync(join(LOCALES, lng))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Nested JSON to `a.b.c` keys (i18next's key separator); a leaf that is not a string is a defect of its own. */
function flatten(value: unknown, prefix: string, out: Flat, problems: string[], file: string): Flat {
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out, problems, file);
  } else {
    problems.push(`${file}: "${prefix}" is ${JSON.stringify(value)}, not a string`);
  }
  return out;
}

const fileProblems: string[] = [];
/** locale[lng][ns] = flat keys; a namespace file that does not exist is absent. */
const locale = new Map<string, Map<string, Flat>>();
for (const lng of languageDirs) {
  const byNs = new Map<string, Flat>();
  for (const ns of namespaceFiles(lng)) {
    const file = `locales/${lng}/${ns}.json`;
    try {
      const json = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as unknown;
      byNs.set(ns, flatten(json, '', new Map(), fileProblems, file));
    } catch (err) {
      fileProblems.push(`${file}: ${(err as Error).message}`);
    }
  }
  locale.set(lng, byNs);
}
const en = locale.get(SOURCE_LANGUAGE) ?? new Map<string, Flat>();
const enNamespaces = [...en.keys()];

function pluralCategories(lng: string): string[] {
  return new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
}

/** The base keys that en writes with plural suffixes (`list.count` for `list.count_one` and `list.count_other`). */
function pluralBases(flat: Flat): Set<string> {
  const bases = new Set<string>();
  for (const key of flat.keys()) {
    const m = PLURAL_SUFFIX.exec(key);
    if (m) bases.add(m[1]!);
  }
  return bases;
}

/** The keys a language must have for one namespace: en's plain keys, and each plural base in the language's forms. */
function expectedKeys(enFlat: Flat, lng: string): Set<string> {
  const bases = pluralBases(enFlat);
  const expected = new Set<string>();
  for (const key of enFlat.keys()) {
    const m = PLURAL_SUFFIX.exec(key);
    if (!m || !bases.has(m[1]!)) expected.add(key);
  }
  for (const base of bases) for (const category of pluralCategories(lng)) expected.add(`${base}_${category}`);
  return expected;
}

function placeholders(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*-?\s*([^{}\s,]+)[^{}]*\}\}/g)) names.add(m[1]!);
  return names;
}

const fmt = (names: Iterable<string>) => [...names].map((n) => `{{${n}}}`).join(', ');
const minus = (a: Iterable<string>, b: ReadonlySet<string>) => [...a].filter((x) => !b.has(x));

/** The placeholders en uses for a key; for a plural base, those of all its en forms together. */
function enPlaceholders(enFlat: Flat, key: string): Set<string> {
  const direct = enFlat.get(key);
  if (direct !== undefined) return placeholders(direct);
  const all = new Set<string>();
  for (const [k, v] of enFlat) {
    const m = PLURAL_SUFFIX.exec(k);
    if (m && m[1] === key) for (const p of placeholders(v)) all.add(p);
  }
  return all;
}

// ---------------------------------------------------------------------------------------------------------------
// Client source

interface TBinding {
  readonly kind: 't' | 'instance' | 'result';
  /** The namespaces a key without `ns:` is looked up in, first one first; null when unknown (t passed in). */
  readonly namespaces: readonly string[] | null;
}

interface Usage {
  readonly where: string;
  readonly ns: string;
  /** The key as written after `ns:`, or a family of keys for a template literal. */
  readonly key: string | { readonly pattern: RegExp; readonly text: string };
  /** Option names passed to t(); null when they cannot be read (a variable, a spread). */
  readonly options: ReadonlySet<string> | null;
}

const defaultNs = /defaultNS:\s*'([^']+)'/.exec(readFileSync(join(CLIENT_SRC, 'i18n/i18n.ts'), 'utf8'))?.[1] ?? '(defaultNS not found in i18n.ts)';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (isDirectory(path)) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function scanFile(path: string, usages: Usage[], problems: string[]) {
  const file = relative(ROOT, path);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const scopes = new Map<ts.Node, Map<string, TBinding>>();

  const scopeOf = (node: ts.Node): ts.Node => {
    let n = node.parent;
    while (!ts.isSourceFile(n) && !ts.isFunctionLike(n)) n = n.parent;
    return n;
  };
  const bind = (scope: ts.Node, name: string, binding: TBinding) => {
    const names = scopes.get(scope) ?? new Map<string, TBinding>();
    names.set(name, binding);
    scopes.set(scope, names);
  };
  const resolve = (node: ts.Node, name: string): TBinding | undefined => {
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      const found = scopes.get(n)?.get(name);
      if (found) return found;
    }
    return undefined;
  };

  function namespacesOf(call: ts.CallExpression): readonly string[] | null {
    const [first, second] = call.arguments;
    if (second && ts.isObjectLiteralExpression(second) && second.properties.some((p) => p.name?.getText(source) === 'keyPrefix')) {
      problems.push(`${where(call)}: useTranslation with keyPrefix: this check does not follow keyPrefix yet`);
    }
    if (first === undefined) return [defaultNs];
    if (ts.isStringLiteralLike(first)) return [first.text];
    if (ts.isArrayLiteralExpression(first) && first.elements.every(ts.isStringLiteralLike)) {
      return first.elements.map((e) => (e as ts.StringLiteralLike).text);
    }
    problems.push(`${where(call)}: useTranslation(${first.getText(source)}): write the namespaces as literals`);
    return null;
  }

  // First pass: where translation functions come from.
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(node.initializer)) {
      const call = node.initializer;
      if (ts.isIdentifier(call.expression) && call.expression.text === 'useTranslation') {
        const nsList = namespacesOf(call);
        const scope = scopeOf(node);
        if (ts.isObjectBindingPattern(node.name)) {
          for (const element of node.name.elements) {
            const prop = (element.propertyName ?? element.name).getText(source);
            if (!ts.isIdentifier(element.name)) continue;
            if (prop === 't') bind(scope, element.name.text, { kind: 't', namespaces: nsList });
            if (prop === 'i18n') bind(scope, element.name.text, { kind: 'instance', namespaces: [defaultNs] });
          }
        } else if (ts.isArrayBindingPattern(node.name)) {
          const [tName, i18nName] = node.name.elements;
          if (tName && ts.isBindingElement(tName) && ts.isIdentifier(tName.name)) bind(scope, tName.name.text, { kind: 't', namespaces: nsList });
          if (i18nName && ts.isBindingElement(i18nName) && ts.isIdentifier(i18nName.name)) bind(scope, i18nName.name.text, { kind: 'instance', namespaces: [defaultNs] });
        } else {
          bind(scope, node.name.text, { kind: 'result', namespaces: nsList });
        }
      }
    }
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type && /\bTFunction\b/.test(node.type.getText(source))) {
      bind(node.parent, node.name.text, { kind: 't', namespaces: null });
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === 'i18next' && node.importClause) {
      const clause = node.importClause;
      if (clause.name) bind(source, clause.name.text, { kind: 'instance', namespaces: [defaultNs] });
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const spec of clause.namedBindings.elements) {
          if ((spec.propertyName ?? spec.name).text === 't') bind(source, spec.name.text, { kind: 't', namespaces: [defaultNs] });
        }
      }
    }
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === 'Trans') {
      problems.push(`${where(node)}: <Trans> is not read by this check yet; use t() or teach the check <Trans>`);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  /** The keys an argument can be: literals, template literals, and either side of a conditional or an array. */
  function keyForms(expr: ts.Expression): (string | string[])[] | null {
    if (ts.isStringLiteralLike(expr)) return [expr.text];
    if (ts.isTemplateExpression(expr)) return [[expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)]];
    if (ts.isParenthesizedExpression(expr)) return keyForms(expr.expression);
    if (ts.isConditionalExpression(expr)) {
      const a = keyForms(expr.whenTrue);
      const b = keyForms(expr.whenFalse);
      return a && b ? [...a, ...b] : null;
    }
    if (ts.isArrayLiteralExpression(expr)) {
      const all = expr.elements.map((e) => keyForms(e));
      return all.every((x) => x !== null) ? all.flat() : null;
    }
    return null;
  }

  function optionNames(arg: ts.Expression | undefined): ReadonlySet<string> | null {
    if (arg === undefined) return new Set();
    if (!ts.isObjectLiteralExpression(arg)) return null;
    const names = new Set<string>();
    for (const p of arg.properties) {
      if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
        names.add(p.name.text);
      } else {
        return null;
      }
    }
    return names;
  }

  function record(call: ts.CallExpression, binding: TBinding) {
    const arg = call.arguments[0];
    const forms = arg ? keyForms(arg) : null;
    if (!arg || !forms) {
      problems.push(`${where(call)}: ${call.getText(source).slice(0, 80)}: the key is not a literal, so this check cannot see which key is used`);
      return;
    }
    const options = optionNames(call.arguments[1]);
    const defaultFor = (written: string): string | null => {
      if (binding.namespaces?.[0] !== undefined) return binding.namespaces[0];
      problems.push(`${where(call)}: "${written}" does not name its namespace, and t here is passed in: write "ns:${written}"`);
      return null;
    };
    for (const form of forms) {
      if (typeof form === 'string') {
        const sep = form.indexOf(':');
        const ns = sep >= 0 ? form.slice(0, sep) : defaultFor(form);
        if (ns !== null) usages.push({ where: where(call), ns, key: sep >= 0 ? form.slice(sep + 1) : form, options });
        continue;
      }
      const [head, ...rest] = form as [string, ...string[]];
      const written = [head, ...rest].join('${…}');
      if (!head.includes(':') && rest.some((part) => part.includes(':'))) {
        problems.push(`${where(call)}: \`${written}\`: the namespace is computed, so this check cannot see which keys are used`);
        continue;
      }
      const sep = head.indexOf(':');
      const ns = sep >= 0 ? head.slice(0, sep) : defaultFor(written);
      if (ns === null) continue;
      const parts = [sep >= 0 ? head.slice(sep + 1) : head, ...rest];
      const pattern = new RegExp(`^${parts.map(escapeRegExp).join('.+')}$`);
      usages.push({ where: where(call), ns, key: { pattern, text: `${ns}:${parts.join('${…}')}` }, options });
    }
  }

  // Second pass: the calls.
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee)) {
        const binding = resolve(node, callee.text);
        if (binding?.kind === 't') record(node, binding);
        else if (!binding && callee.text === 't') problems.push(`${where(node)}: t() whose origin this check cannot find (not from useTranslation, a TFunction parameter or i18next)`);
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && ts.isIdentifier(callee.expression)) {
        const binding = resolve(node, callee.expression.text);
        if (binding?.kind === 'result') record(node, { kind: 't', namespaces: binding.namespaces });
        else if (binding?.kind === 'instance' || ['i18n', 'i18next'].includes(callee.expression.text)) record(node, { kind: 't', namespaces: [defaultNs] });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const scanProblems: string[] = [];
const usages: Usage[] = [];
for (const path of sourceFiles(CLIENT_SRC)) scanFile(path, usages, scanProblems);

/** Everything the code references, resolved against en: which en keys it uses, and which references are wrong. */
function resolveUsages() {
  const used = new Set<string>();
  const missing: string[] = [];
  const placeholderProblems: string[] = [];
  for (const u of usages) {
    const flat = en.get(u.ns);
    const written = typeof u.key === 'string' ? `${u.ns}:${u.key}` : u.key.text;
    if (!flat) {
      missing.push(`${u.where}: ${written}: there is no namespace "${u.ns}" (no locales/${SOURCE_LANGUAGE}/${u.ns}.json)`);
      continue;
    }
    const bases = pluralBases(flat);
    const candidates = [...flat.keys(), ...bases];
    const matched = typeof u.key === 'string' ? candidates.filter((k) => k === u.key) : candidates.filter((k) => (u.key as { pattern: RegExp }).pattern.test(k));
    if (matched.length === 0) {
      const isObject = typeof u.key === 'string' && [...flat.keys()].some((k) => k.startsWith(`${u.key as string}.`));
      missing.push(`${u.where}: ${written} is not in locales/${SOURCE_LANGUAGE}/${u.ns}.json${isObject ? ' (it is an object, not a text)' : ''}`);
      continue;
    }
    for (const key of matched) {
      if (bases.has(key)) {
        for (const k of flat.keys()) if (PLURAL_SUFFIX.exec(k)?.[1] === key) used.add(`${u.ns}:${k}`);
        if (u.options !== null && !u.options.has('count')) placeholderProblems.push(`${u.where}: ${u.ns}:${key} has plural forms but t() is not given a count`);
      } else {
        used.add(`${u.ns}:${key}`);
      }
      if (u.options === null) continue;
      const needed = enPlaceholders(flat, key);
      const unfilled = minus(needed, u.options).filter((n) => !(n === 'count' && bases.has(key))); // said above
      if (unfilled.length) placeholderProblems.push(`${u.where}: ${u.ns}:${key} needs ${fmt(unfilled)} but t() is not given ${unfilled.length > 1 ? 'them' : 'it'}`);
      if (typeof u.key === 'string') {
        const unused = minus(u.options, needed).filter((o) => !RESERVED_OPTIONS.has(o));
        if (unused.length) placeholderProblems.push(`${u.where}: ${u.ns}:${key} is given ${unused.join(', ')}, which its en text does not use`);
      }
    }
  }
  return { used, missing, placeholderProblems };
}

// ---------------------------------------------------------------------------------------------------------------

describe('translations', () => {
  it('reads every locale file', () => {
    expect(fileProblems).toEqual([]);
  });

  it('has a locale directory for every offered language, and loads exactly the en namespaces', () => {
    const problems = [
      ...uiLanguageCodes.filter((l) => !languageDirs.includes(l)).map((l) => `languages.ts offers "${l}" but there is no locales/${l}/`),
      ...minus(enNamespaces, new Set(namespaces)).map((ns) => `locales/${SOURCE_LANGUAGE}/${ns}.json is not in namespaces in src/client/i18n/i18n.ts, so it is never loaded`),
      ...minus(namespaces, new Set(enNamespaces)).map((ns) => `i18n.ts loads namespace "${ns}" but there is no locales/${SOURCE_LANGUAGE}/${ns}.json`),
    ];
    expect(problems).toEqual([]);
  });

  it(`${SOURCE_LANGUAGE} (the source) writes its plural keys in exactly its own plural forms`, () => {
    const problems: string[] = [];
    for (const [ns, flat] of en) {
      const expected = expectedKeys(flat, SOURCE_LANGUAGE);
      for (const k of minus(expected, new Set(flat.keys()))) problems.push(`locales/${SOURCE_LANGUAGE}/${ns}.json: missing plural form "${k}"`);
      for (const k of minus(flat.keys(), expected)) problems.push(`locales/${SOURCE_LANGUAGE}/${ns}.json: "${k}" is not a plural form ${SOURCE_LANGUAGE} uses (${pluralCategories(SOURCE_LANGUAGE).join(', ')})`);
    }
    expect(problems).toEqual([]);
  });

  describe.each(otherLanguages)('%s', (lng) => {
    const mine = locale.get(lng) ?? new Map<string, Flat>();

    it('has the namespace files of en and no others', () => {
      const problems = [
        ...minus(enNamespaces, new Set(mine.keys())).map((ns) => `locales/${lng}/${ns}.json is missing`),
        ...minus(mine.keys(), new Set(enNamespaces)).map((ns) => `locales/${lng}/${ns}.json has no en counterpart`),
      ];
      expect(problems).toEqual([]);
    });

    it(`has every en key, in the plural forms ${lng} needs (${pluralCategories(lng).join(', ')}), and no other key`, () => {
      const problems: string[] = [];
      for (const [ns, enFlat] of en) {
        const flat = mine.get(ns);
        if (!flat) continue; // reported as a missing file above
        const expected = expectedKeys(enFlat, lng);
        for (const k of minus(expected, new Set(flat.keys()))) problems.push(`locales/${lng}/${ns}.json: missing "${k}"`);
        for (const k of minus(flat.keys(), expected)) {
          const base = PLURAL_SUFFIX.exec(k)?.[1];
          const why = base !== undefined && pluralBases(enFlat).has(base) ? `not a plural form ${lng} uses` : 'not in en';
          problems.push(`locales/${lng}/${ns}.json: extra "${k}" (${why})`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('uses the placeholders of en', () => {
      const problems: string[] = [];
      for (const [ns, enFlat] of en) {
        const flat = mine.get(ns);
        if (!flat) continue;
        const bases = pluralBases(enFlat);
        for (const [key, text] of flat) {
          const file = `locales/${lng}/${ns}.json`;
          const have = placeholders(text);
          const base = PLURAL_SUFFIX.exec(key);
          if (base && bases.has(base[1]!)) {
            // A plural form may write the number as a word ("one client"), so it may leave out {{count}}; `_other`
            // covers every number a language has no form for, so it keeps them all.
            const want = enPlaceholders(enFlat, base[1]!);
            const mustHave = base[2] === 'other' ? want : new Set(minus(want, new Set(['count'])));
            const lacking = minus(mustHave, have);
            const added = minus(have, want);
            if (lacking.length) problems.push(`${file}: "${key}" lacks ${fmt(lacking)}`);
            if (added.length) problems.push(`${file}: "${key}" has ${fmt(added)}, which en does not`);
          } else if (enFlat.has(key)) {
            const want = placeholders(enFlat.get(key)!);
            const lacking = minus(want, have);
            const added = minus(have, want);
            if (lacking.length) problems.push(`${file}: "${key}" lacks ${fmt(lacking)}`);
            if (added.length) problems.push(`${file}: "${key}" has ${fmt(added)}, which en does not`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('the client code', () => {
    const { used, missing, placeholderProblems } = resolveUsages();

    it('calls t() only in ways this check can follow', () => {
      expect(scanProblems).toEqual([]);
    });

    it('asks only for keys that exist in en', () => {
      expect(missing).toEqual([]);
    });

    it('uses every en key', () => {
      const unused: string[] = [];
      for (const [ns, flat] of en) for (const key of flat.keys()) if (!used.has(`${ns}:${key}`)) unused.push(`${ns}:${key} (locales/${SOURCE_LANGUAGE}/${ns}.json) is not used in src/client`);
      expect(unused).toEqual([]);
    });

    it('gives t() every placeholder its text needs, and no others', () => {
      expect(placeholderProblems).toEqual([]);
    });
  });

  it('has exactly the error codes of src/shared/errors.ts in errors.json', () => {
    const codes = new Set<string>([...fieldErrorCodes, ...requestErrorCodes]);
    const keys = new Set(en.get('errors')?.keys() ?? []);
    const problems = [
      ...minus(codes, keys).map((c) => `error code "${c}" has no text in locales/${SOURCE_LANGUAGE}/errors.json`),
      ...minus(keys, codes).map((k) => `locales/${SOURCE_LANGUAGE}/errors.json: "${k}" is not an error code in src/shared/errors.ts`),
    ];
    expect(problems).toEqual([]);
  });

  it('has a text for every value the code looks up by a computed key, and for no other value', () => {
    // The template-literal keys above only prove that some key matches; these say which values the code passes.
    const families: [string, readonly string[]][] = [
      ['clients:status', clientStatuses],
      ['clients:customerGroup', customerGroups],
      ['clients:field', Object.keys(clientFields.shape)],
      ['common:municipality', municipalities],
      ['notes:place', meetingPlaces],
      ['notes:serviceArea', Object.keys(serviceAreas)],
      ['notes:topic', noteTopics],
    ];
    const problems: string[] = [];
    for (const [family, values] of families) {
      const [ns, prefix] = family.split(':') as [string, string];
      const keys = new Set([...(en.get(ns)?.keys() ?? [])].filter((k) => k.startsWith(`${prefix}.`)).map((k) => k.slice(prefix.length + 1)));
      for (const v of minus(values, keys)) problems.push(`${family}.${v} is looked up by the code but missing from locales/${SOURCE_LANGUAGE}/${ns}.json`);
      for (const k of minus(keys, new Set(values))) problems.push(`${family}.${k} in locales/${SOURCE_LANGUAGE}/${ns}.json is not a value the code looks up`);
    }
    expect(problems).toEqual([]);
  });
});
