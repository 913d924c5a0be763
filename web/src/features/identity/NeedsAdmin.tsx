import { formatEnumLabel } from '@/lib/format';

/** Shown instead of an admin page's forms to a member without the ADMIN role. */
export function NeedsAdmin({ what, role, workspace }: { what: string; role: string | null; workspace: string | null }) {
  return (
    <div className="notice notice--warning" role="note" data-testid="needs-admin">
      <strong>{what} needs the ADMIN role.</strong>{' '}
      {role ? (
        <>
          You are {formatEnumLabel(role).toLowerCase()} in {workspace ? <>workspace <code>{workspace}</code></> : 'this workspace'}.
        </>
      ) : (
        <>You have no role in this workspace.</>
      )}{' '}
      Ask one of its admins.
    </div>
  );
}
