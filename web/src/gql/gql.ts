/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query HomePage($first: Int!) {\n    recipes(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecipeTable_Recipe\n        }\n      }\n    }\n    models(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ModelTable_Model\n        }\n      }\n    }\n  }\n": typeof types.HomePageDocument,
    "\n  fragment ModelTable_Model on Model {\n    id\n    name\n    owner\n    status\n    updatedAt\n    recipe {\n      id\n      name\n      family\n    }\n    latestEvaluation {\n      id\n      status\n      summary\n      createdAt\n    }\n  }\n": typeof types.ModelTable_ModelFragmentDoc,
    "\n  fragment RecipeTable_Recipe on Recipe {\n    id\n    name\n    family\n    level\n    status\n    updatedAt\n    latestVersion {\n      id\n      version\n    }\n  }\n": typeof types.RecipeTable_RecipeFragmentDoc,
};
const documents: Documents = {
    "\n  query HomePage($first: Int!) {\n    recipes(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecipeTable_Recipe\n        }\n      }\n    }\n    models(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ModelTable_Model\n        }\n      }\n    }\n  }\n": types.HomePageDocument,
    "\n  fragment ModelTable_Model on Model {\n    id\n    name\n    owner\n    status\n    updatedAt\n    recipe {\n      id\n      name\n      family\n    }\n    latestEvaluation {\n      id\n      status\n      summary\n      createdAt\n    }\n  }\n": types.ModelTable_ModelFragmentDoc,
    "\n  fragment RecipeTable_Recipe on Recipe {\n    id\n    name\n    family\n    level\n    status\n    updatedAt\n    latestVersion {\n      id\n      version\n    }\n  }\n": types.RecipeTable_RecipeFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomePage($first: Int!) {\n    recipes(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecipeTable_Recipe\n        }\n      }\n    }\n    models(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ModelTable_Model\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HomePage($first: Int!) {\n    recipes(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecipeTable_Recipe\n        }\n      }\n    }\n    models(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ModelTable_Model\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModelTable_Model on Model {\n    id\n    name\n    owner\n    status\n    updatedAt\n    recipe {\n      id\n      name\n      family\n    }\n    latestEvaluation {\n      id\n      status\n      summary\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment ModelTable_Model on Model {\n    id\n    name\n    owner\n    status\n    updatedAt\n    recipe {\n      id\n      name\n      family\n    }\n    latestEvaluation {\n      id\n      status\n      summary\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecipeTable_Recipe on Recipe {\n    id\n    name\n    family\n    level\n    status\n    updatedAt\n    latestVersion {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  fragment RecipeTable_Recipe on Recipe {\n    id\n    name\n    family\n    level\n    status\n    updatedAt\n    latestVersion {\n      id\n      version\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;