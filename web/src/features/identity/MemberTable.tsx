'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { InlineError } from '@/components/InlineError';
import { RelativeTime } from '@/components/RelativeTime';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import type { MemberTable_WorkspaceMemberFragment as MemberData, Role } from '@/gql/graphql';
import { formatEnumLabel } from '@/lib/format';
import { ROLES } from '@/lib/roles';

export const MemberTable_WorkspaceMemberFragment = graphql(`
  fragment MemberTable_WorkspaceMember on WorkspaceMember {
    role
    addedAt
    user {
      id
      email
      name
    }
  }
`);

const ChangeMemberRole = graphql(`
  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
    changeMemberRole(input: $input) {
      role
      user {
        id
      }
    }
  }
`);

const RemoveWorkspaceMember = graphql(`
  mutation RemoveWorkspaceMember($userId: ID!) {
    removeWorkspaceMember(userId: $userId)
  }
`);

/** The workspace's members and their roles: change a role, remove a member (not the last admin: the API refuses). */
export function MemberTable({
  members: refs,
  nowIso,
  currentUserId,
}: {
  members: ReadonlyArray<FragmentType<typeof MemberTable_WorkspaceMemberFragment>>;
  nowIso: string;
  currentUserId: string | null;
}) {
  const members = getFragmentData(MemberTable_WorkspaceMemberFragment, refs);
  const now = new Date(nowIso);
  if (members.length === 0) return <EmptyState title="No members">Add the people who work in this workspace.</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Members">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <MemberRow key={m.user.id} member={m} now={now} isYou={m.user.id === currentUserId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({ member: m, now, isYou }: { member: MemberData; now: Date; isYou: boolean }) {
  const router = useRouter();
  const [role, setRole] = useState<Role>(m.role);
  const [confirming, setConfirming] = useState(false);
  const refresh = { onCompleted: () => router.refresh() };
  const [change, changing] = useMutation(ChangeMemberRole, refresh);
  const [remove, removing] = useMutation(RemoveWorkspaceMember, refresh);
  const who = m.user.name || m.user.email;
  const busy = changing.loading || removing.loading;
  const ignore = () => undefined;
  return (
    <tr data-member={m.user.email}>
      <td className="data-table__primary">
        {who} {isYou ? <span className="muted">(you)</span> : null}
        <span className="data-table__secondary">{m.user.email}</span>
      </td>
      <td>
        <div className="field__inline">
          <select aria-label={`Role of ${who}`} value={role} disabled={busy} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {formatEnumLabel(r)}
              </option>
            ))}
          </select>
          {role !== m.role ? (
            <button
              type="button"
              className="button button--small button--primary"
              disabled={busy}
              onClick={() => void change({ variables: { input: { userId: m.user.id, role } } }).catch(ignore)}
            >
              Save role
            </button>
          ) : null}
        </div>
      </td>
      <td>
        <RelativeTime iso={m.addedAt} now={now} />
      </td>
      <td>
        {confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm removing ${who}`}>
            <span className="confirm__question">
              Remove {who} from the workspace?{isYou ? ' You will lose access to it.' : ''}
            </span>
            <div className="button-row">
              <button
                type="button"
                className="button button--small button--danger"
                disabled={busy}
                onClick={() => void remove({ variables: { userId: m.user.id } }).then(() => setConfirming(false), ignore)}
              >
                {removing.loading ? 'Removing…' : 'Yes, remove'}
              </button>
              <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button--small button--danger" aria-label={`Remove ${who}`} disabled={busy} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
        <InlineError error={changing.error ?? removing.error} />
      </td>
    </tr>
  );
}
