import type { Metadata } from 'next';
import { PlaygroundLoader } from '@/features/playground/PlaygroundLoader';
import { graphql } from '@/gql';
import { load } from '@/lib/load';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Playground' };

const PlaygroundModelQuery = graphql(`
  query PlaygroundModel {
    models(first: 1, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** GraphiQL, with a real model id in the example mutation when the API answers. */
export default async function PlaygroundPage() {
  const result = await load(PlaygroundModelQuery, {}, 'PlaygroundModel');
  const modelId = result.ok ? (result.data.models.edges[0]?.node.id ?? null) : null;
  return (
    <>
      <h1 className="visually-hidden">GraphQL playground</h1>
      <PlaygroundLoader modelId={modelId} />
    </>
  );
}
