'use client';

import { useApolloClient, useMutation } from '@apollo/client/react';
import { json } from '@codemirror/lang-json';
import { type Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useRouter } from 'next/navigation';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';
import type { RecipeFamily, VersionBump } from '@/gql/graphql';
import { deepMerge, locateProblem, pathSegments, scanJson } from './manifest-json';

const ValidateManifest = graphql(`
  query ValidateManifest($family: RecipeFamily!, $manifest: JSON!) {
    validateManifest(family: $family, manifest: $manifest) {
      valid
      problems {
        path
        message
      }
    }
  }
`);

const CreateRecipeVersion = graphql(`
  mutation CreateRecipeVersion($input: CreateRecipeVersionInput!) {
    createRecipeVersion(input: $input) {
      id
      version
      changeNote
    }
  }
`);

export interface Problem {
  path: string;
  message: string;
}

/** `extensions.problems` of a VALIDATION_FAILED error, if that is what it is. */
export function validationProblems(error: unknown): Problem[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const problems: Problem[] = [];
  for (const e of error.errors) {
    if (e.extensions?.code !== 'VALIDATION_FAILED') continue;
    const list = e.extensions.problems;
    if (Array.isArray(list)) {
      for (const p of list) {
        if (p && typeof p === 'object' && 'path' in p && 'message' in p) problems.push({ path: String(p.path), message: String(p.message) });
      }
    }
  }
  return problems.length ? problems : null;
}

function diagnosticsFor(text: string, problems: readonly Problem[]): Diagnostic[] {
  const scan = scanJson(text);
  if (!scan.ok) return [{ from: scan.from, to: scan.to, severity: 'error', message: scan.message, source: 'JSON' }];
  return problems.map((problem) => {
    const segments = pathSegments(problem.path);
    const at = locateProblem(scan.spans, segments);
    const where = segments.length ? segments.join('.') : 'manifest';
    return {
      from: at.from,
      to: at.to,
      severity: 'error',
      source: 'schema',
      message: at.exact ? `${where}: ${problem.message}` : `${where}: ${problem.message} (missing here)`,
    };
  });
}

const theme = EditorView.theme({
  '&': { fontSize: '12.5px', border: '1px solid var(--border)', borderRadius: '6px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)' },
});

/**
 * The manifest of a recipe's latest version: read-only, or edited with inline errors. While
 * editing, the text is checked as JSON at once and against the family's JSON Schema
 * (`validateManifest`) after a pause; each problem is underlined at its JSON path and listed
 * below. Saving creates a new immutable version with a change note (`createRecipeVersion`).
 *
 * A child recipe's manifest is an overlay: it is validated merged over the parent's resolved
 * manifest, as the API does on save.
 */
export function ManifestEditor({
  recipeId,
  family,
  manifest,
  parentResolved,
  canEdit,
  currentVersion,
}: {
  recipeId: string;
  family: RecipeFamily;
  manifest: unknown;
  /** The parent's resolved manifest when this recipe is a child (its manifest is an overlay). */
  parentResolved: unknown | null;
  canEdit: boolean;
  currentVersion: string | null;
}) {
  const client = useApolloClient();
  const router = useRouter();
  const initialText = useMemo(() => JSON.stringify(manifest ?? {}, null, 2), [manifest]);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(initialText);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [changeNote, setChangeNote] = useState('');
  const [bump, setBump] = useState<VersionBump>('MINOR');
  const [saved, setSaved] = useState<string | null>(null);
  const serverProblems = useRef<Problem[] | null>(null);
  const editorRef = useRef<ReactCodeMirrorRef>(null);
  const [save, saving] = useMutation(CreateRecipeVersion);

  const lint = useMemo(
    () =>
      linter(
        async (view) => {
          const doc = view.state.doc.toString();
          const scan = scanJson(doc);
          if (!scan.ok) {
            setSyntaxError(`${scan.message} (line ${view.state.doc.lineAt(scan.from).number})`);
            setProblems([]);
            return diagnosticsFor(doc, []);
          }
          setSyntaxError(null);
          // Problems the API reported on save stay until the text changes.
          if (serverProblems.current) return diagnosticsFor(doc, serverProblems.current);
          setChecking(true);
          try {
            const merged = parentResolved != null ? deepMerge(parentResolved, scan.value) : scan.value;
            const { data } = await client.query({
              query: ValidateManifest,
              variables: { family, manifest: merged },
              fetchPolicy: 'network-only',
            });
            const found = data?.validateManifest.problems ?? [];
            setProblems(found);
            return diagnosticsFor(doc, found);
          } catch {
            return [];
          } finally {
            setChecking(false);
          }
        },
        { delay: 500 },
      ),
    [client, family, parentResolved],
  );

  const extensions = useMemo(
    () => (editing ? [json(), lint, lintGutter(), theme, EditorView.lineWrapping] : [json(), theme, EditorView.lineWrapping]),
    [editing, lint],
  );

  const startEditing = () => {
    setText(initialText);
    setSaved(null);
    serverProblems.current = null;
    setProblems([]);
    setEditing(true);
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    const scan = scanJson(text);
    if (!scan.ok) return;
    try {
      const { data } = await save({
        variables: { input: { recipeId, changeNote: changeNote.trim(), bump, manifest: scan.value } },
      });
      setEditing(false);
      setChangeNote('');
      setSaved(data ? `Saved as version ${data.createRecipeVersion.version}.` : 'Saved.');
      router.refresh();
    } catch (error) {
      const found = validationProblems(error);
      if (found) {
        serverProblems.current = found;
        setProblems(found);
        const view = editorRef.current?.view;
        if (view) forceLinting(view);
      }
    }
  };

  const blocking = Boolean(syntaxError) || problems.length > 0;

  return (
    <div className="manifest-editor" data-testid="manifest-editor">
      <div className="manifest-editor__bar">
        <span className="muted">
          {editing
            ? `Editing a new version of ${currentVersion ? `v${currentVersion}` : 'the manifest'}${parentResolved != null ? ' (overlay over the parent)' : ''}`
            : `Version ${currentVersion ?? '—'}${parentResolved != null ? ' · overlay over the parent manifest' : ''}`}
        </span>
        {canEdit && !editing ? (
          <button type="button" className="button" onClick={startEditing}>
            Edit manifest
          </button>
        ) : null}
        {editing ? (
          <button type="button" className="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        ) : null}
      </div>
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <CodeMirror
        ref={editorRef}
        value={editing ? text : initialText}
        editable={editing}
        readOnly={!editing}
        extensions={extensions}
        maxHeight="560px"
        minHeight="200px"
        aria-label={editing ? 'Manifest editor' : 'Manifest (read-only)'}
        basicSetup={{ foldGutter: true, highlightActiveLine: editing, highlightActiveLineGutter: editing }}
        onChange={(value) => {
          serverProblems.current = null;
          setText(value);
        }}
      />
      {editing ? (
        <>
          <div className="manifest-problems" role="status" aria-live="polite" data-testid="manifest-problems">
            {syntaxError ? (
              <p className="manifest-problems__title">Not valid JSON: {syntaxError}</p>
            ) : checking && problems.length === 0 ? (
              <p className="muted">Checking against the {family.toLowerCase().replace(/_/g, ' ')} schema…</p>
            ) : problems.length ? (
              <>
                <p className="manifest-problems__title">
                  {problems.length} {problems.length === 1 ? 'problem' : 'problems'} with the manifest
                </p>
                <ul>
                  {problems.map((p, i) => (
                    <li key={i}>
                      <code>{p.path}</code> {p.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="manifest-problems__ok">The manifest is valid.</p>
            )}
          </div>
          <form className="filters" onSubmit={onSave} aria-label="Save as a new version">
            <label className="field field--grow">
              <span className="field__label">Change note (required)</span>
              <input
                type="text"
                value={changeNote}
                onChange={(e) => setChangeNote(e.target.value)}
                required
                maxLength={500}
                placeholder="What changed and why"
              />
            </label>
            <label className="field">
              <span className="field__label">Version bump</span>
              <select value={bump} onChange={(e) => setBump(e.target.value as VersionBump)}>
                <option value="PATCH">Patch</option>
                <option value="MINOR">Minor</option>
                <option value="MAJOR">Major</option>
              </select>
            </label>
            <button
              type="submit"
              className="button button--primary"
              disabled={saving.loading || Boolean(syntaxError) || !changeNote.trim()}
              title={blocking ? 'The API will refuse a manifest with problems; saving shows its answer.' : undefined}
            >
              {saving.loading ? 'Saving…' : 'Save as new version'}
            </button>
          </form>
          {saving.error && !validationProblems(saving.error) ? <InlineError error={saving.error} /> : null}
        </>
      ) : null}
    </div>
  );
}
