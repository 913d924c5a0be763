/**
 * The playground's ready example operations (one tab each). Kept as plain strings: they are
 * for people to read and edit, not typed documents of the dashboard.
 */
export interface ExampleTab {
  title: string;
  query: string;
  variables?: string;
}

export function exampleTabs(modelId: string | null): ExampleTab[] {
  const id = modelId ?? 'paste-a-model-id-from-the-first-tab';
  return [
    {
      title: 'Nested model query',
      query: `# A model with its runs and their evaluation results, in one request.
# Open the docs (book icon, top left) to explore every type and field.
query ModelWithRuns {
  models(first: 3, filter: { family: FORECASTING }) {
    totalCount
    edges {
      node {
        id
        name
        status
        latestEvaluation { status summary }
        runs(first: 10) {
          totalCount
          edges {
            node {
              id
              type
              status
              metrics { key value }
              evaluationResults {
                status
                summary
                pack { name }
                metrics { key actual status thresholds { direction promote warn fail } }
              }
            }
          }
        }
        monitorSnapshots(last: 3) {
          recordedAt
          driftShare
          freshness { lagHours limitHours stale }
        }
      }
    }
  }
}
`,
    },
    {
      title: 'Mutation: report a run',
      query: `# Creates a QUEUED training run. Idempotent: running it again with the same
# idempotencyKey returns the same run instead of a second one.
mutation ReportRun($modelId: ID!) {
  createRun(input: {
    modelId: $modelId
    type: TRAIN
    trigger: API
    idempotencyKey: "playground-example-run"
    params: [{ key: "alpha", value: "0.3" }]
  }) {
    id
    status
    createdAt
    model { name }
  }
}
`,
      variables: JSON.stringify({ modelId: id }, null, 2),
    },
    {
      title: 'Subscription: run updates',
      query: `# Live: run status, progress and final metrics as they commit (graphql-ws).
# Start it, then change a run (e.g. updateRunStatus) in another tab.
# Pass the last eventId as $since to resume after a disconnect without gaps.
subscription RunUpdates($since: ID) {
  runUpdated(since: $since) {
    eventId
    occurredAt
    run {
      id
      type
      status
      progress
      model { name }
      metrics { key value }
    }
  }
}
`,
    },
    {
      title: 'Subscription: alerts',
      query: `# Live: every alert raised in the workspace, warnings and worse.
subscription AlertsRaised {
  alertRaised(filter: { minSeverity: WARNING }) {
    eventId
    alert {
      id
      type
      severity
      title
      message
      model { name }
    }
  }
}
`,
    },
  ];
}
