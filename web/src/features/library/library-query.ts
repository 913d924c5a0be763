import { graphql } from '@/gql';
import type { LibraryPageQueryVariables } from '@/gql/graphql';
import type { LibraryState } from './library-params';

export const LibraryPageQueryDoc = graphql(`
  query LibraryPage(
    $first: Int!
    $after: String
    $withRecipes: Boolean!
    $withModels: Boolean!
    $withRuns: Boolean!
    $withPacks: Boolean!
    $withAlerts: Boolean!
    $recipeFilter: RecipeFilter
    $recipeOrder: RecipeOrder
    $modelFilter: ModelFilter
    $modelOrder: ModelOrder
    $runFilter: RunFilter
    $runOrder: RunOrder
    $packFilter: EvaluationPackFilter
    $packOrder: EvaluationPackOrder
    $alertFilter: AlertFilter
    $alertOrder: AlertOrder
    $recipeCountFilter: RecipeFilter
    $modelCountFilter: ModelFilter
    $packCountFilter: EvaluationPackFilter
    $alertCountFilter: AlertFilter
  ) {
    recipeCount: recipes(first: 0, filter: $recipeCountFilter) {
      totalCount
    }
    modelCount: models(first: 0, filter: $modelCountFilter) {
      totalCount
    }
    runCount: runs(first: 0) {
      totalCount
    }
    packCount: evaluationPacks(first: 0, filter: $packCountFilter) {
      totalCount
    }
    alertCount: alerts(first: 0, filter: $alertCountFilter) {
      totalCount
    }
    recipes(first: $first, after: $after, filter: $recipeFilter, orderBy: $recipeOrder) @include(if: $withRecipes) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...RecipeTable_Recipe
        }
      }
    }
    models(first: $first, after: $after, filter: $modelFilter, orderBy: $modelOrder) @include(if: $withModels) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ModelTable_Model
        }
      }
    }
    runs(first: $first, after: $after, filter: $runFilter, orderBy: $runOrder) @include(if: $withRuns) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...RunTable_Run
        }
      }
    }
    evaluationPacks(first: $first, after: $after, filter: $packFilter, orderBy: $packOrder) @include(if: $withPacks) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...PackTable_Pack
        }
      }
    }
    alerts(first: $first, after: $after, filter: $alertFilter, orderBy: $alertOrder) @include(if: $withAlerts) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...AlertTable_Alert
        }
      }
    }
  }
`);

/** The page's query variables for a view state. Statuses and types were checked against the tab's enum by parseLibraryParams. */
export function libraryVariables(state: LibraryState): LibraryPageQueryVariables {
  const search = state.q || undefined;
  const family = state.family ?? undefined;
  const { tab } = state;
  // The query sends every list's variables, even for lists it skips (@include), and the API
  // validates them all: a tab's own filters and sort (statuses, types, sort fields differ per
  // list) go to that tab's list only.
  const order = <T,>(of: LibraryState['tab']) => (tab === of ? ({ field: state.sort, direction: state.dir } as T) : undefined);
  const statuses = <T,>(of: LibraryState['tab']) => (tab === of && state.statuses.length ? (state.statuses as T[]) : undefined);
  const type = <T,>(of: LibraryState['tab']) => (tab === of && state.type ? (state.type as T) : undefined);
  type V = LibraryPageQueryVariables;
  type RecipeStatus = NonNullable<NonNullable<V['recipeFilter']>['status']>;
  type ModelStatus = NonNullable<NonNullable<V['modelFilter']>['status']>;
  type RunStatus = NonNullable<NonNullable<V['runFilter']>['statuses']>[number];
  type RunType = NonNullable<NonNullable<V['runFilter']>['type']>;
  type AlertStatus = NonNullable<NonNullable<V['alertFilter']>['statuses']>[number];
  type AlertType = NonNullable<NonNullable<V['alertFilter']>['types']>[number];
  const alertType = type<AlertType>('alerts');
  return {
    first: state.size,
    after: state.after,
    withRecipes: tab === 'recipes',
    withModels: tab === 'models',
    withRuns: tab === 'runs',
    withPacks: tab === 'packs',
    withAlerts: tab === 'alerts',
    recipeCountFilter: { search, family },
    modelCountFilter: { search, family },
    packCountFilter: { search, family },
    alertCountFilter: { search },
    recipeFilter: {
      search,
      family,
      level: tab === 'recipes' ? (state.level ?? undefined) : undefined,
      status: statuses<RecipeStatus>('recipes')?.[0],
    },
    recipeOrder: order<V['recipeOrder']>('recipes'),
    modelFilter: { search, family, status: statuses<ModelStatus>('models')?.[0] },
    modelOrder: order<V['modelOrder']>('models'),
    runFilter: { statuses: statuses<RunStatus>('runs'), type: type<RunType>('runs') },
    runOrder: order<V['runOrder']>('runs'),
    packFilter: { search, family },
    packOrder: order<V['packOrder']>('packs'),
    alertFilter: {
      search,
      statuses: statuses<AlertStatus>('alerts'),
      types: alertType ? [alertType] : undefined,
      minSeverity: tab === 'alerts' ? (state.severity ?? undefined) : undefined,
    },
    alertOrder: order<V['alertOrder']>('alerts'),
  };
}
