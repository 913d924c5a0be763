'use client';

import { useState } from 'react';

/** Copies `text` to the clipboard and says so; where the clipboard is refused, asks to copy by hand. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button button--small" onClick={() => void copy()}>
        {label}
      </button>
      <span className="muted" role="status" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'The browser refused the clipboard: select the key and copy it.' : ''}
      </span>
    </>
  );
}
