'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { InlineError } from '@/components/InlineError';
import { RelativeTime } from '@/components/RelativeTime';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import type { ApiKeyTable_ApiKeyFragment as ApiKeyData } from '@/gql/graphql';
import { formatEnumLabel } from '@/lib/format';
import { apiKeyState } from './api-key-form';

export const ApiKeyTable_ApiKeyFragment = graphql(`
  fragment ApiKeyTable_ApiKey on ApiKey {
    id
    name
    role
    prefix
    createdAt
    createdBy
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

const RevokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

/** The workspace's API keys, newest first: who made each, when it expires, when it was last used, and Revoke. */
export function ApiKeyTable({ keys: refs, nowIso }: { keys: ReadonlyArray<FragmentType<typeof ApiKeyTable_ApiKeyFragment>>; nowIso: string }) {
  const keys = getFragmentData(ApiKeyTable_ApiKeyFragment, refs);
  const now = new Date(nowIso);
  if (keys.length === 0) {
    return <EmptyState title="No API keys yet">Create one for each pipeline or integration that calls the API.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="API keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Key</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <ApiKeyRow key={key.id} apiKey={key} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApiKeyRow({ apiKey: k, now }: { apiKey: ApiKeyData; now: Date }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [revoke, revoking] = useMutation(RevokeApiKey, { onCompleted: () => router.refresh() });
  const state = apiKeyState(k, now);
  return (
    <tr data-api-key={k.name} data-state={state}>
      <td className="data-table__primary">{k.name}</td>
      <td>{formatEnumLabel(k.role)}</td>
      <td>
        <span className="mono" title="The first characters of the key; the rest is never shown again">
          myk_{k.prefix}…
        </span>
      </td>
      <td>
        <RelativeTime iso={k.createdAt} now={now} />
        <span className="data-table__secondary">by {k.createdBy}</span>
      </td>
      <td>{k.expiresAt ? <RelativeTime iso={k.expiresAt} now={now} /> : <span className="muted">never</span>}</td>
      <td>{k.lastUsedAt ? <RelativeTime iso={k.lastUsedAt} now={now} /> : <span className="muted">never</span>}</td>
      <td>
        {state === 'revoked' ? (
          <>
            <span className="badge badge--danger">Revoked</span>
            {k.revokedAt ? (
              <span className="data-table__secondary">
                <RelativeTime iso={k.revokedAt} now={now} />
              </span>
            ) : null}
          </>
        ) : state === 'expired' ? (
          <span className="badge badge--warning">Expired</span>
        ) : (
          <span className="badge badge--success">Active</span>
        )}
      </td>
      <td>
        {state === 'revoked' ? null : confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm revoking ${k.name}`}>
            <span className="confirm__question">Revoke “{k.name}”? Whatever uses it is refused from now on.</span>
            <div className="button-row">
              <button
                type="button"
                className="button button--small button--danger"
                disabled={revoking.loading}
                onClick={() => void revoke({ variables: { id: k.id } }).then(() => setConfirming(false), () => undefined)}
              >
                {revoking.loading ? 'Revoking…' : 'Yes, revoke'}
              </button>
              <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button--small button--danger" aria-label={`Revoke ${k.name}`} onClick={() => setConfirming(true)}>
            Revoke
          </button>
        )}
        <InlineError error={revoking.error} />
      </td>
    </tr>
  );
}
