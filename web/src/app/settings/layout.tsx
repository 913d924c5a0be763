import type { ReactNode } from 'react';
import { SettingsTabs } from '@/features/identity/SettingsTabs';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="page-header">
        <h1>Settings</h1>
        <p className="page-header__lead">Who may use this workspace: its members and the API keys of its integrations.</p>
      </div>
      <SettingsTabs />
      {children}
    </>
  );
}
