import type { ReactNode } from 'react';

/** The primary button that opens and closes the form below it (announced with `aria-expanded`). */
export function DisclosureButton({ open, onToggle, children }: { open: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <button type="button" className="button button--primary" aria-expanded={open} onClick={onToggle}>
      {children}
    </button>
  );
}
