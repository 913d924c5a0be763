/** The problems a form found before sending anything, one a line, announced as an alert. */
export function FormProblems({ problems }: { problems: ReadonlyArray<{ message: string }> }) {
  if (problems.length === 0) return null;
  return (
    <div className="inline-error" role="alert">
      {problems.map((p, i) => (
        <div key={i}>{p.message}</div>
      ))}
    </div>
  );
}
