'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { DisclosureButton } from '@/components/DisclosureButton';
import { FormField } from '@/components/FormField';
import { FormProblems } from '@/components/FormProblems';
import { InlineError } from '@/components/InlineError';
import { SubmitRow } from '@/components/SubmitRow';
import { graphql } from '@/gql';
import type { Role } from '@/gql/graphql';
import { formatEnumLabel } from '@/lib/format';
import { ROLE_DESCRIPTIONS } from '@/lib/roles';
import { useFormDraft } from '@/lib/form-draft';
import { buildCreateApiKeyInput, type CreateApiKeyFormState, type ApiKeyFormField, NAME_MAX } from './api-key-form';
import { CopyButton } from './CopyButton';

const CreateApiKey = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        role
        prefix
        expiresAt
      }
    }
  }
`);

/**
 * "Create API key…": name, role (at most the creator's own) and an optional expiry date. The new
 * key's secret is shown once, here, with a copy button; the API keeps only its hash.
 */
export function CreateApiKeyForm({ roles }: { roles: Role[] }) {
  const router = useRouter();
  const id = useId();
  const defaultRole: Role = roles.includes('EDITOR') ? 'EDITOR' : (roles[0] ?? 'VIEWER');
  const empty: CreateApiKeyFormState = { name: '', role: defaultRole, expiresOn: '' };
  const { state, setState, problems, invalid, submitWith, open, setOpen, toggle } = useFormDraft<CreateApiKeyFormState, ApiKeyFormField>(empty);
  const [created, setCreated] = useState<{ name: string; role: Role; secret: string } | null>(null);
  const [create, creating] = useMutation(CreateApiKey);

  const onSubmit = submitWith(
    (values) => buildCreateApiKeyInput(values, new Date()),
    async (input) => {
      const { data } = await create({ variables: { input } });
      if (!data) return;
      const { secret, apiKey } = data.createApiKey;
      setCreated({ name: apiKey.name, role: apiKey.role, secret });
      setOpen(false);
      setState(empty);
      router.refresh();
    },
  );

  return (
    <div className="settings-actions">
      {created ? (
        <div className="secret-once notice notice--warning" role="status" data-testid="api-key-created">
          <p className="secret-once__title">
            <strong>
              API key “{created.name}” ({formatEnumLabel(created.role).toLowerCase()}) created.
            </strong>{' '}
            Copy it now: <strong>it will not be shown again.</strong>
          </p>
          <div className="secret-once__row">
            <code className="secret-once__secret" data-testid="api-key-secret">
              {created.secret}
            </code>
            <CopyButton text={created.secret} />
          </div>
          <p className="secret-once__usage">
            Send it as <code>Authorization: Bearer {created.secret.slice(0, 8)}…</code> over HTTP, or as{' '}
            <code>{'connectionParams: { authorization: "Bearer …" }'}</code> over graphql-ws.
          </p>
          <button type="button" className="button button--small" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      ) : null}
      <div className="button-row">
        <DisclosureButton
          open={open}
          onToggle={() => {
            toggle();
            creating.reset();
          }}
        >
          Create API key…
        </DisclosureButton>
      </div>
      {open ? (
        <form className="clone-form settings-form" onSubmit={onSubmit} aria-label="Create an API key" noValidate>
          <FormField id={`${id}-name`} label="Name" hint="Who or what uses it; audit entries record it as apikey:<name>.">
            <input
              id={`${id}-name`}
              type="text"
              value={state.name}
              maxLength={NAME_MAX}
              placeholder="e.g. nightly-training"
              aria-describedby={`${id}-name-hint`}
              aria-invalid={invalid('name')}
              onChange={(e) => setState({ ...state, name: e.target.value })}
              autoFocus
            />
          </FormField>
          <FormField id={`${id}-role`} label="Role" hint={`${formatEnumLabel(state.role)}: ${ROLE_DESCRIPTIONS[state.role]}.`}>
            <select id={`${id}-role`} value={state.role} aria-describedby={`${id}-role-hint`} onChange={(e) => setState({ ...state, role: e.target.value as Role })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {formatEnumLabel(r)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id={`${id}-expires`} label="Expires on (optional)" hint="Works until the end of that day (UTC). Empty: until revoked.">
            <input
              id={`${id}-expires`}
              type="date"
              value={state.expiresOn}
              aria-describedby={`${id}-expires-hint`}
              aria-invalid={invalid('expiresOn')}
              onChange={(e) => setState({ ...state, expiresOn: e.target.value })}
            />
          </FormField>
          <FormProblems problems={problems} />
          <InlineError error={creating.error} />
          <SubmitRow label="Create key" pendingLabel="Creating…" pending={creating.loading} onClose={() => setOpen(false)} />
        </form>
      ) : null}
    </div>
  );
}
