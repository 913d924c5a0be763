/** A route's loading state (shown by its loading.tsx while the server renders the page). */
export function PageLoading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
