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
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/roles';
import { useFormDraft } from '@/lib/form-draft';
import { type AddMemberFormState, buildAddMemberInput, type ApiKeyFormField, MIN_PASSWORD_LENGTH } from './api-key-form';

const AddWorkspaceMember = graphql(`
  mutation AddWorkspaceMember($input: AddWorkspaceMemberInput!) {
    addWorkspaceMember(input: $input) {
      role
      user {
        id
        email
        name
      }
    }
  }
`);

const EMPTY: AddMemberFormState = { email: '', name: '', role: 'VIEWER', password: '' };

/**
 * "Add member…": an email and a role; for someone without an account yet, also their name and an
 * initial password (at least 10 characters) to hand them.
 */
export function AddMemberForm() {
  const router = useRouter();
  const id = useId();
  const { state, setState, problems, invalid, submitWith, open, setOpen, toggle } = useFormDraft<AddMemberFormState, ApiKeyFormField>(EMPTY);
  const [added, setAdded] = useState<string | null>(null);
  const [add, adding] = useMutation(AddWorkspaceMember);

  const onSubmit = submitWith(buildAddMemberInput, async (input) => {
    const { data } = await add({ variables: { input } });
    if (!data) return;
    const member = data.addWorkspaceMember;
    setAdded(`${member.user.name || member.user.email} was added as ${formatEnumLabel(member.role).toLowerCase()}.`);
    setState(EMPTY);
    setOpen(false);
    router.refresh();
  });

  return (
    <div className="settings-actions">
      <div className="button-row">
        <DisclosureButton
          open={open}
          onToggle={() => {
            toggle();
            setAdded(null);
            adding.reset();
          }}
        >
          Add member…
        </DisclosureButton>
        {added ? (
          <span role="status" className="muted">
            {added}
          </span>
        ) : null}
      </div>
      {open ? (
        <form className="clone-form settings-form" onSubmit={onSubmit} aria-label="Add a member" noValidate>
          <FormField id={`${id}-email`} label="Email">
            <input
              id={`${id}-email`}
              type="email"
              value={state.email}
              autoComplete="off"
              aria-invalid={invalid('email')}
              onChange={(e) => setState({ ...state, email: e.target.value })}
              autoFocus
            />
          </FormField>
          <FormField id={`${id}-role`} label="Role" hint={`${formatEnumLabel(state.role)}: ${ROLE_DESCRIPTIONS[state.role]}.`}>
            <select id={`${id}-role`} value={state.role} aria-describedby={`${id}-role-hint`} onChange={(e) => setState({ ...state, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {formatEnumLabel(r)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id={`${id}-name`} label="Name (for a new account)" hint="Not needed when the email already has an account.">
            <input
              id={`${id}-name`}
              type="text"
              value={state.name}
              maxLength={200}
              aria-describedby={`${id}-name-hint`}
              onChange={(e) => setState({ ...state, name: e.target.value })}
            />
          </FormField>
          <FormField
            id={`${id}-password`}
            label="Initial password (for a new account)"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters; give it to them, they can change it after signing in.`}
          >
            <input
              id={`${id}-password`}
              type="password"
              value={state.password}
              autoComplete="new-password"
              aria-describedby={`${id}-password-hint`}
              aria-invalid={invalid('password')}
              onChange={(e) => setState({ ...state, password: e.target.value })}
            />
          </FormField>
          <FormProblems problems={problems} />
          <InlineError error={adding.error} />
          <SubmitRow label="Add member" pendingLabel="Adding…" pending={adding.loading} onClose={() => setOpen(false)} />
        </form>
      ) : null}
    </div>
  );
}
