'use client';

export interface WorkspaceChoice {
  slug: string;
  name: string;
  role: string;
}

/**
 * The workspace the dashboard works in, for users with several memberships: choosing one posts it
 * to /switch-workspace (app/switch-workspace/route.ts), which sets the `modelyard_workspace` cookie
 * and opens that workspace's library in a full page load. Without scripts, the button sends it.
 */
export function WorkspaceSwitcher({ current, choices }: { current: string | null; choices: WorkspaceChoice[] }) {
  return (
    <form method="post" action="/switch-workspace" className="user-menu__form">
      <label className="user-menu__workspace">
        <span className="visually-hidden">Workspace</span>
        <select name="workspace" defaultValue={current ?? ''} aria-label="Workspace" onChange={(event) => event.currentTarget.form?.requestSubmit()}>
          {current === null ? (
            <option value="" disabled>
              Choose a workspace
            </option>
          ) : null}
          {choices.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name} ({c.role.toLowerCase()})
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="user-menu__button">
          Switch
        </button>
      </noscript>
    </form>
  );
}
