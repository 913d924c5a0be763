import type { ModelStatus } from '@/gql/graphql';

export interface ModelTransition {
  to: ModelStatus;
  label: string;
  /** Asks for confirmation first (hard to undo). */
  confirm?: string;
}

/** DRAFT → STAGING → PRODUCTION → RETIRED, and STAGING → DRAFT (the API refuses anything else). */
export function modelTransitions(status: ModelStatus): ModelTransition[] {
  switch (status) {
    case 'DRAFT':
      return [{ to: 'STAGING', label: 'Move to staging' }];
    case 'STAGING':
      return [
        { to: 'PRODUCTION', label: 'Promote to production' },
        { to: 'DRAFT', label: 'Back to draft' },
      ];
    case 'PRODUCTION':
      return [{ to: 'RETIRED', label: 'Retire', confirm: 'Retire this model? A retired model cannot come back.' }];
    case 'RETIRED':
      return [];
  }
}
