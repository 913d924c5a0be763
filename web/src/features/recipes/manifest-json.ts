/**
 * JSON helpers for the manifest editor: a small parser that remembers where every value is in
 * the text (so that a problem's JSON path can be underlined), the API's problem paths, the
 * overlay merge of child recipes, and JSON Pointer look-ups for the version diff.
 */

export type Segment = string | number;

export interface Span {
  from: number;
  to: number;
  /** Where the property's key starts (for object members). */
  keyFrom?: number;
  keyTo?: number;
}

export type ScanResult =
  | { ok: true; value: unknown; spans: Map<string, Span> }
  | { ok: false; message: string; from: number; to: number };

export function pathKey(segments: readonly Segment[]): string {
  return JSON.stringify(segments);
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

/** Parses JSON text, recording the span of every value by its path. */
export function scanJson(text: string): ScanResult {
  const spans = new Map<string, Span>();
  let i = 0;

  const fail = (message: string, pos = i): never => {
    throw new JsonSyntaxError(message, pos);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = (pos: number) => (pos >= text.length ? 'end of text' : JSON.stringify(text[pos]));

  const parseString = (): string => {
    const start = i;
    if (text[i] !== '"') fail(`Expected a string, found ${describe(i)}`);
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        try {
          return JSON.parse(text.slice(start, i)) as string;
        } catch {
          return fail('Invalid escape in string', start);
        }
      }
      if (c === '\\') i += 2;
      else if (c === '\n') fail('Unterminated string', start);
      else i++;
    }
    return fail('Unterminated string', start);
  };

  const parseValue = (path: Segment[], key?: { from: number; to: number }): unknown => {
    ws();
    const from = i;
    let value: unknown;
    const c = text[i];
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const keyFrom = i;
          const name = parseString();
          const keyTo = i;
          ws();
          if (text[i] !== ':') fail(`Expected ':' after a property name, found ${describe(i)}`);
          i++;
          object[name] = parseValue([...path, name], { from: keyFrom, to: keyTo });
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail(`Expected ',' or '}' after a property value, found ${describe(i)}`);
        }
      }
      value = object;
    } else if (c === '[') {
      i++;
      const array: unknown[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          array.push(parseValue([...path, array.length]));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail(`Expected ',' or ']' after an array element, found ${describe(i)}`);
        }
      }
      value = array;
    } else if (c === '"') {
      value = parseString();
    } else {
      const match = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
      if (!match) fail(`Unexpected ${describe(i)}`);
      i += match![0].length;
      value = JSON.parse(match![0]);
    }
    spans.set(pathKey(path), { from, to: i, keyFrom: key?.from, keyTo: key?.to });
    return value;
  };

  try {
    const value = parseValue([]);
    ws();
    if (i < text.length) fail(`Unexpected ${describe(i)} after the end of the document`);
    return { ok: true, value, spans };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { ok: false, message: error.message, from: error.pos, to: Math.min(text.length, error.pos + 1) };
    }
    throw error;
  }
}

/**
 * The API's problem path (`input.manifest.monitoring.drift.thresholds[0].psi`) as segments
 * inside the manifest: `['monitoring', 'drift', 'thresholds', 0, 'psi']`.
 */
export function pathSegments(path: string): Segment[] {
  const segments: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(path))) {
    if (match[2] != null) segments.push(Number(match[2]));
    else segments.push(match[1]!);
  }
  if (segments[0] === 'input') segments.shift();
  if (segments[0] === 'manifest' || segments[0] === 'overlay') segments.shift();
  return segments;
}

/**
 * Where to underline a problem: the value at the path (its key for an object member), or, when
 * the path does not exist (a missing required property), the deepest enclosing value that does.
 */
export function locateProblem(spans: Map<string, Span>, segments: readonly Segment[]): { from: number; to: number; exact: boolean } {
  for (let n = segments.length; n >= 0; n--) {
    const span = spans.get(pathKey(segments.slice(0, n)));
    if (!span) continue;
    const exact = n === segments.length;
    if (span.keyFrom != null && span.keyTo != null) return { from: span.keyFrom, to: span.keyTo, exact };
    // The document itself, or an array element: its first character.
    return { from: span.from, to: Math.min(span.to, span.from + 1), exact };
  }
  return { from: 0, to: 1, exact: false };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A child recipe's resolved manifest: objects merge, arrays and scalars replace (SPEC.md). */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay === undefined ? base : overlay;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) out[key] = key in base ? deepMerge(base[key], value) : value;
  return out;
}

/** The value at an RFC 6901 JSON Pointer, or undefined. */
export function getPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isPlainObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

/** Which lifecycle actions a recipe offers in its status and level (the API refuses the others). */
export function recipeActions(status: string, level: string): Array<'approve' | 'archive' | 'restore' | 'clone' | 'edit'> {
  const actions: Array<'approve' | 'archive' | 'restore' | 'clone' | 'edit'> = [];
  if (status === 'DRAFT') actions.push('approve');
  if (status === 'APPROVED') actions.push('archive');
  if (status === 'ARCHIVED') actions.push('restore');
  if (status !== 'ARCHIVED' && level !== 'CLIENT') actions.push('clone');
  if (status !== 'ARCHIVED') actions.push('edit');
  return actions;
}

/** The level a clone of this recipe gets. */
export function childLevel(level: string): string | null {
  return level === 'BASELINE' ? 'INDUSTRY' : level === 'INDUSTRY' ? 'CLIENT' : null;
}
