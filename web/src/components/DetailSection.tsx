import { type ReactNode, Suspense } from 'react';
import { PageLoading } from './PageLoading';

/**
 * A titled panel of a detail page: `<section>` labelled by its `<h2>` (`${name}-heading`), with a
 * note or other header content beside the title. `anchor` gives the section the id `name` for the
 * page's section links; `body` wraps the content in the panel's padded body; `loading` streams the
 * content in behind a loading line (`loadingKey` starts it again when the key changes).
 */
export function DetailSection({
  name,
  title,
  anchor = false,
  note,
  aside,
  body = false,
  bodyClassName = 'panel__body',
  loading,
  loadingKey,
  testId,
  children,
}: {
  name: string;
  title: ReactNode;
  anchor?: boolean;
  note?: ReactNode;
  aside?: ReactNode;
  body?: boolean;
  bodyClassName?: string;
  loading?: string;
  loadingKey?: string;
  testId?: string;
  children: ReactNode;
}) {
  const content = loading ? (
    <Suspense key={loadingKey} fallback={<PageLoading label={loading} />}>
      {children}
    </Suspense>
  ) : (
    children
  );
  return (
    <section id={anchor ? name : undefined} className="panel detail-section" aria-labelledby={`${name}-heading`} data-testid={testId}>
      <header className="panel__header">
        <h2 id={`${name}-heading`}>{title}</h2>
        {note ? <span className="panel__note">{note}</span> : null}
        {aside}
      </header>
      {body ? <div className={bodyClassName}>{content}</div> : content}
    </section>
  );
}
