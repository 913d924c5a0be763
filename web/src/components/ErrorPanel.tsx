import { type ApiErrorInfo, problemHint } from '@/lib/api-error';

export function ErrorPanel({ info }: { info: ApiErrorInfo }) {
  return (
    <section className="error-panel" role="alert">
      <h2 className="error-panel__title">{info.title}</h2>
      <ul className="error-panel__list">
        {info.problems.map((problem, index) => (
          <li key={index}>
            {problem.code ? <code className="error-panel__code">{problem.code}</code> : null}
            <span className="error-panel__message">{problem.message}</span>
            {problem.path ? <span className="error-panel__path">at {problem.path}</span> : null}
          </li>
        ))}
      </ul>
      {[...new Set(info.problems.map((p) => problemHint(p.code)).filter(Boolean))].map((hint) => (
        <p key={hint} className="error-panel__hint">
          {hint}
        </p>
      ))}
      {info.kind === 'network' ? (
        <p className="error-panel__hint">
          Start the API (<code>npm start</code> at the repository root) or set <code>API_URL</code>,
          then reload.
        </p>
      ) : null}
    </section>
  );
}
