import type { Metadata } from 'next';
import { ErrorPanel } from '@/components/ErrorPanel';
import { AddMemberForm } from '@/features/identity/AddMemberForm';
import { MemberTable } from '@/features/identity/MemberTable';
import { NeedsAdmin } from '@/features/identity/NeedsAdmin';
import { getViewer } from '@/features/identity/viewer';
import { graphql } from '@/gql';
import { load } from '@/lib/load';
import { hasRole } from '@/lib/roles';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Members' };

const MembersPageQuery = graphql(`
  query MembersPage {
    workspaceMembers {
      user {
        id
      }
      ...MemberTable_WorkspaceMember
    }
  }
`);

export default async function MembersPage() {
  const viewer = await getViewer();
  if (viewer.status === 'unknown') return <ErrorPanel info={viewer.error} />;
  const signedIn = viewer.status === 'signed-in' ? viewer.viewer : null;
  const role = signedIn?.role ?? null;
  if (!hasRole(role, 'ADMIN')) {
    return (
      <section className="panel">
        <div className="panel__body">
          <NeedsAdmin what="Managing members" role={role} workspace={signedIn?.workspace?.slug ?? null} />
        </div>
      </section>
    );
  }
  const result = await load(MembersPageQuery, {}, 'MembersPage');
  return (
    <section className="panel" aria-labelledby="members-heading">
      <header className="panel__header">
        <h2 id="members-heading">
          Members {result.ok ? <span className="count">{result.data.workspaceMembers.length}</span> : null}
        </h2>
        <span className="panel__note">
          Viewer reads; editor also writes; approver also approves and promotes; admin also manages members and keys.
        </span>
      </header>
      <div className="panel__body">
        <AddMemberForm />
      </div>
      {!result.ok ? (
        <ErrorPanel info={result.error} />
      ) : (
        <MemberTable members={result.data.workspaceMembers} nowIso={new Date().toISOString()} currentUserId={signedIn?.user?.id ?? null} />
      )}
    </section>
  );
}
