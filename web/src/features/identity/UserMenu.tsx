import { formatEnumLabel } from '@/lib/format';
import { SignOutButton } from './SignOutButton';
import type { SignedInViewer } from './viewer';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The header's right end: who is signed in, their role in the workspace, the workspace switcher, sign out. */
export function UserMenu({ viewer }: { viewer: SignedInViewer }) {
  const user = viewer.user!;
  const memberships = viewer.memberships;
  return (
    <div className="user-menu" data-testid="user-menu">
      {memberships.length > 1 || !viewer.workspace ? (
        <WorkspaceSwitcher
          current={viewer.workspace?.slug ?? null}
          choices={memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, role: m.role }))}
        />
      ) : (
        <span className="user-menu__workspace-name" title={`Workspace ${viewer.workspace.slug}`}>
          {viewer.workspace.name}
        </span>
      )}
      <span className="user-menu__who" title={user.email}>
        <span className="user-menu__name">{user.name || user.email}</span>
        {viewer.role ? <span className="user-menu__role" data-testid="user-role">{formatEnumLabel(viewer.role)}</span> : null}
      </span>
      <SignOutButton />
    </div>
  );
}
