import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { repoRoot } from '../src/platform/env.js';

export interface RealOperation {
  /** `web: AbTestPage` or `README: line 47`. */
  name: string;
  /** The operation with the fragments it uses, as the client sends it. */
  query: string;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Apollo Client adds `__typename` to every selection set below the root before sending. */
function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      leave(node: SelectionSetNode, _key, parent) {
        if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return node;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return node;
        return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
      },
    },
  });
}

function fragmentsUsed(node: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = fragments.get(name);
      if (fragment) fragmentsUsed(fragment, fragments, seen);
    },
  });
  return seen;
}

/**
 * Every operation the dashboard sends (the `graphql(\`…\`)` documents in web/src, as listed by
 * codegen in web/src/gql/gql.ts, plus any in the sources not generated yet), with `__typename`
 * added as Apollo Client does.
 */
export function dashboardOperations(): RealOperation[] {
  const sources: string[] = [];
  const generated = readFileSync(path.join(repoRoot, 'web/src/gql/gql.ts'), 'utf8');
  const documentsType = generated.slice(generated.indexOf('type Documents = {'), generated.indexOf('};', generated.indexOf('type Documents = {')));
  for (const match of documentsType.matchAll(/^\s+("(?:[^"\\]|\\.)*"): typeof types\./gm)) sources.push(JSON.parse(match[1]!) as string);
  for (const file of filesUnder(path.join(repoRoot, 'web/src'))) {
    if (file.includes(`${path.sep}gql${path.sep}`)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/graphql\(\s*`([^`]*)`/g)) sources.push(match[1]!);
  }
  const operations = new Map<string, OperationDefinitionNode>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  // Sources come after the generated list: a document edited since the last codegen wins.
  for (const source of sources) {
    for (const definition of parse(source).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operations.set(definition.name.value, definition);
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
  }
  return [...operations].map(([name, operation]) => {
    const used = [...fragmentsUsed(operation, fragments)].map((f) => fragments.get(f)!).filter(Boolean);
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...used] };
    return { name: `web: ${name}`, query: print(withTypenames(document)) };
  });
}

/** The operations in README.md: ```graphql blocks, `curl` bodies and the subscriptions quoted in comments. */
export function readmeOperations(): RealOperation[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const lineOf = (index: number) => readme.slice(0, index).split('\n').length;
  const out: RealOperation[] = [];
  for (const match of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    // Comment lines may quote further operations (`# watch it: subscription { … }`).
    const body = match[1]!;
    const name = /^(?:query|mutation|subscription) (\w+)/m.exec(body)?.[1] ?? `line ${lineOf(match.index!)}`;
    out.push({ name: `README: ${name}`, query: body.replace(/"…"/g, '"00000000-0000-4000-8000-000000000000"') });
    for (const quoted of body.matchAll(/#.*?((?:subscription|query|mutation) \{.*\})\s*$/gm)) {
      out.push({ name: `README: line ${lineOf(match.index! + quoted.index!)} (comment)`, query: quoted[1]!.replace(/"…"/g, '"00000000-0000-4000-8000-000000000000"') });
    }
  }
  for (const match of readme.matchAll(/-d '(\{"query".*?\})'/g)) {
    out.push({ name: `README: line ${lineOf(match.index!)} (curl)`, query: (JSON.parse(match[1]!) as { query: string }).query });
  }
  return out;
}

/** The operations the benches in bench/ send (`const NAME = \`…\`` documents). */
export function benchOperations(): RealOperation[] {
  const dir = path.join(repoRoot, 'bench');
  const out: RealOperation[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    // Interpolated numeric constants (`runs(first: ${RUNS})`) take their values.
    const constants = new Map([...source.matchAll(/^const ([A-Z_]+) = (\d+);/gm)].map((m) => [m[1]!, m[2]!]));
    for (const match of source.matchAll(/^const [A-Z_]+ = `((?:query|mutation|subscription)\b[^`]*)`/gm)) {
      out.push({ name: `bench: ${file}`, query: match[1]!.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => constants.get(name) ?? name) });
    }
  }
  return out;
}

/** The playground's ready examples (web/src/features/playground/examples.ts: plain strings people edit). */
export function playgroundOperations(): RealOperation[] {
  const source = readFileSync(path.join(repoRoot, 'web/src/features/playground/examples.ts'), 'utf8');
  return [...source.matchAll(/title: '([^']*)',\s*query: `([^`]*)`/g)].map((m) => ({
    name: `playground: ${m[1]}`,
    query: m[2]!.replace(/\$\{[^}]*\}/g, '00000000-0000-4000-8000-000000000000'),
  }));
}
