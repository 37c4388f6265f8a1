import type { TestApp } from './strapi';

export type GraphqlResult<T> = { status: number; data?: T; errors?: { message: string; extensions?: unknown }[] };

/** POST /graphql as an anonymous client. */
export const gql = async <T = Record<string, unknown>>(
  app: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResult<T>> => {
  const res = await app.http().post('/graphql').set('content-type', 'application/json').send({ query, variables });
  return { status: res.status, data: res.body?.data, errors: res.body?.errors };
};
