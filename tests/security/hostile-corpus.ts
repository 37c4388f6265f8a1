/**
 * The hostile-input corpus: malformed and hostile requests against the public
 * REST and GraphQL APIs, the feeds and sitemaps, the uploads folder and the
 * admin login. Every entry is sent as written (raw path, raw body, raw headers)
 * by tests/security/hostile-input.test.ts.
 *
 * `expect`:
 * - `client-error` (the default): a 4xx with a JSON error body;
 * - `harmless`: a hostile string used as a plain value (e.g. SQL in `$eq`),
 *   which is data, not syntax: a 2xx whose answer holds nothing (`data: []` or
 *   `data: null`) is the correct outcome. These are counted apart from the
 *   4xx entries;
 * - `anonymous`: a token that is not valid; Strapi serves such a request as
 *   the Public role (published content only), so a 200 with public data;
 * - `searched`: a search whose words are full-text syntax (`"`, `*`, `NEAR(`,
 *   `AND`, `-`, `:`…), which must be plain words: a 200 search answer
 *   (`data` a list, `meta.pagination`), never a syntax error or a 5xx.
 */
export type HostileRequest = {
  category: string;
  method: string;
  /** Sent verbatim as the request target (already percent-encoded as intended). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  expect?: 'client-error' | 'harmless' | 'anonymous' | 'searched';
};

const JSON_HEADERS = { 'content-type': 'application/json' };

const LIST_PATHS = ['/api/articles', '/api/authors', '/api/tags', '/api/related-links'];
const SLUG_PATH = '/api/articles/slug/kim-jong-un-teken-pakta-baru-korut-bisa-ikut-bantu-rusia-serang-ukraina';
const READ_PATHS = [...LIST_PATHS, SLUG_PATH];

const enc = encodeURIComponent;
const corpus: HostileRequest[] = [];
const add = (entry: HostileRequest): void => {
  corpus.push(entry);
};

// 1. Malformed JSON bodies: to the REST API (write routes), GraphQL, the admin login and the user login.
const MALFORMED_JSON = [
  '{',
  '{"data":',
  '{"data": {"title": "x",}}',
  "{'data': 1}",
  '{"data": undefined}',
  '{"a":1}}',
  'nul',
  '[1,2',
  '{"data": "\\u12"}',
  '\u0000\u0001\u0002',
];
for (const body of MALFORMED_JSON) {
  for (const path of ['/api/articles', '/graphql', '/admin/login', '/api/auth/local']) {
    add({ category: 'malformed-json', method: 'POST', path, headers: JSON_HEADERS, body });
  }
}

// 2. Wrong types in bodies.
const WRONG_TYPED_GRAPHQL = [
  { query: 123 },
  { query: null },
  { query: ['{ articles { title } }'] },
  { query: { nested: true } },
  { query: '{ articles { title } }', variables: 'not-an-object' },
  { query: '{ articles { title } }', variables: [1, 2, 3] },
  { query: '{ articles { title } }', operationName: 42 },
  { query: 'query($l: I18NLocaleCode) { articles(locale: $l) { title } }', variables: { l: 12 } },
  { query: '{ articles(pagination: { pageSize: "ten" }) { title } }' },
  { query: '{ articles(pagination: { page: true }) { title } }' },
  { query: '{ articles(filters: { title: { eq: 5 } }) { title } }' },
  { query: '{ articles(sort: 5) { title } }' },
  {},
  [],
  'just a string',
  42,
];
for (const payload of WRONG_TYPED_GRAPHQL) {
  add({
    category: 'wrong-types',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify(payload),
  });
}
const WRONG_TYPED_LOGIN = [
  { email: 123, password: 'x' },
  { email: ['a@b.c'], password: 'x' },
  { email: { $ne: null }, password: { $ne: null } },
  { email: 'a@b.c', password: 12345 },
  { email: null, password: null },
  {},
  [],
  'string',
];
for (const payload of WRONG_TYPED_LOGIN) {
  add({
    category: 'wrong-types',
    method: 'POST',
    path: '/admin/login',
    headers: JSON_HEADERS,
    body: JSON.stringify(payload),
  });
  const up =
    Array.isArray(payload) || typeof payload !== 'object'
      ? payload
      : { identifier: payload.email, password: payload.password };
  add({
    category: 'wrong-types',
    method: 'POST',
    path: '/api/auth/local',
    headers: JSON_HEADERS,
    body: JSON.stringify(up),
  });
}
for (const data of [null, 'x', 1, [], { title: 5 }, { title: { $gt: '' } }]) {
  add({
    category: 'wrong-types',
    method: 'POST',
    path: '/api/articles',
    headers: JSON_HEADERS,
    body: JSON.stringify({ data }),
  });
  add({
    category: 'wrong-types',
    method: 'PUT',
    path: '/api/site-setting',
    headers: JSON_HEADERS,
    body: JSON.stringify({ data }),
  });
}

// 3. Bodies over the size limit (koa-body: 1 MB of JSON by default).
const big = (bytes: number): string => JSON.stringify({ query: `{ articles { title } } #${'x'.repeat(bytes)}` });
for (const path of ['/graphql', '/api/articles', '/admin/login', '/api/auth/local', '/api/tags']) {
  add({ category: 'oversized-body', method: 'POST', path, headers: JSON_HEADERS, body: big(2 * 1024 * 1024) });
}
add({
  category: 'oversized-body',
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: big(8 * 1024 * 1024),
});

// 4. Unknown filter operators.
const UNKNOWN_OPERATORS = [
  '$foo',
  '$where',
  '$regex',
  '$expr',
  '$function',
  '$raw',
  '$jsonSupersetOf',
  '$eqq',
  '$',
  '$$eq',
];
for (const op of UNKNOWN_OPERATORS) {
  add({ category: 'unknown-operator', method: 'GET', path: `/api/articles?filters[title][${op}]=x` });
  add({ category: 'unknown-operator', method: 'GET', path: `/api/tags?filters[slug][${op}]=x` });
}
add({ category: 'unknown-operator', method: 'GET', path: '/api/articles?filters[$foo][title]=x' });
add({ category: 'unknown-operator', method: 'GET', path: '/api/articles?filters[$and]=notalist' });
add({ category: 'unknown-operator', method: 'GET', path: '/api/articles?filters[notAField][$eq]=x' });
add({ category: 'unknown-operator', method: 'GET', path: '/api/authors?filters[nope][$eq]=x' });
add({ category: 'unknown-operator', method: 'GET', path: '/api/related-links?filters[kind][$in][$ne]=x' });
for (const op of ['foo', 'regex', 'where']) {
  add({
    category: 'unknown-operator',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: `{ articles(filters: { title: { ${op}: "x" } }) { title } }` }),
  });
}

// 5. SQL and operator injection: in keys and sort (syntax: 4xx), in values (data: harmless).
const SQL = [
  "' OR 1=1 --",
  "'; DROP TABLE articles; --",
  '" OR ""="',
  '1) OR (1=1',
  "x' UNION SELECT password FROM admin_users --",
  "'; UPDATE articles SET title='pwned' --",
  '%27%20OR%201%3D1',
  '1; SELECT sqlite_version(); --',
];
for (const s of SQL) {
  add({ category: 'sql-injection-key', method: 'GET', path: `/api/articles?filters[${enc(s)}][$eq]=x` });
  add({ category: 'sql-injection-sort', method: 'GET', path: `/api/articles?sort=${enc(s)}` });
  add({ category: 'sql-injection-sort', method: 'GET', path: `/api/tags?sort[0]=${enc(`name:${s}`)}` });
  add({ category: 'sql-injection-fields', method: 'GET', path: `/api/authors?fields[0]=${enc(s)}` });
  add({ category: 'sql-injection-populate', method: 'GET', path: `/api/articles?populate=${enc(s)}` });
  add({
    category: 'sql-injection-value',
    method: 'GET',
    path: `/api/articles?filters[title][$eq]=${enc(s)}`,
    expect: 'harmless',
  });
  add({
    category: 'sql-injection-value',
    method: 'GET',
    path: `/api/tags?filters[slug][$containsi]=${enc(s)}`,
    expect: 'harmless',
  });
  add({
    category: 'sql-injection-value',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      query: 'query($s: String!) { articles(filters: { title: { eq: $s } }) { title } }',
      variables: { s },
    }),
    expect: 'harmless',
  });
  add({
    category: 'sql-injection-login',
    method: 'POST',
    path: '/admin/login',
    headers: JSON_HEADERS,
    body: JSON.stringify({ email: s, password: s }),
  });
}
// Operator injection: objects where a string is expected.
const OPERATOR_INJECTION = [
  '/api/articles?locale[$ne]=x',
  '/api/articles?locale[]=id&locale[]=en',
  '/api/articles?status[$ne]=published',
  '/api/articles?status=all',
  '/api/articles?filters[title]=x&filters[title][$eq]=y',
  '/api/articles?sort[$where]=1',
  '/api/articles?sort[title]=sideways',
  '/api/articles?sort=title:sideways',
  '/api/articles?fields[$ne]=x',
  '/api/articles?fields=title,__proto__',
  '/api/articles?filters[__proto__][polluted]=1',
  '/api/articles?filters[constructor][prototype][polluted]=1',
  '/api/articles?populate[__proto__][polluted]=1',
  '/api/articles?pagination[__proto__][pageSize]=1000',
  `${SLUG_PATH}?locale[$gt]=`,
];
for (const path of OPERATOR_INJECTION) add({ category: 'operator-injection', method: 'GET', path });

// 6. Invalid locales.
const BAD_LOCALES = [
  'fr',
  'xx',
  'ID',
  'en-US',
  '../../etc',
  '*',
  'all',
  "id' OR '1'='1",
  '%00',
  'id%00',
  'i d',
  'null',
];
for (const locale of BAD_LOCALES) {
  for (const path of READ_PATHS)
    add({ category: 'invalid-locale', method: 'GET', path: `${path}?locale=${enc(locale).replace(/%2500/g, '%00')}` });
  add({
    category: 'invalid-locale',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      query: 'query($l: I18NLocaleCode) { articles(locale: $l) { title } }',
      variables: { l: locale },
    }),
  });
}
add({ category: 'invalid-locale', method: 'GET', path: '/api/site-setting?locale=fr' });
add({ category: 'invalid-locale', method: 'GET', path: '/api/articles/slug/x/json-ld?locale=fr' });
add({ category: 'invalid-locale', method: 'GET', path: '/api/articles/slug/x/related?locale=fr' });
add({ category: 'invalid-locale', method: 'GET', path: '/api/articles/translations/missing?locale=fr' });
add({ category: 'invalid-locale', method: 'GET', path: '/feeds/fr.xml' });
add({ category: 'invalid-locale', method: 'GET', path: '/feeds/..%2f..%2fpackage.json' });

// 7. Negative and huge pagination.
const BAD_PAGINATION = [
  'pagination[page]=-1',
  'pagination[page]=0',
  'pagination[page]=abc',
  'pagination[page]=1e400',
  'pagination[page]=99999999999999999999999',
  'pagination[pageSize]=-5',
  'pagination[pageSize]=0',
  'pagination[pageSize]=1000000',
  'pagination[pageSize]=1.5',
  'pagination[pageSize]=NaN',
  'pagination[start]=-1',
  'pagination[start]=abc',
  'pagination[limit]=-2',
  'pagination[limit]=100000',
  'pagination[page]=1&pagination[start]=0',
  'pagination[withCount]=maybe',
];
for (const q of BAD_PAGINATION) {
  for (const path of LIST_PATHS) add({ category: 'pagination', method: 'GET', path: `${path}?${q}` });
}
for (const args of [
  'pageSize: -1',
  'pageSize: 100000',
  'page: -3',
  'start: -1',
  'limit: 999999',
  'page: 1, start: 0',
]) {
  add({
    category: 'pagination',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: `{ articles(pagination: { ${args} }) { title } }` }),
  });
}
add({ category: 'pagination', method: 'GET', path: '/api/articles/slug/x/related?limit=-1' });
add({ category: 'pagination', method: 'GET', path: '/api/articles/slug/x/related?limit=100000' });

// 8. Deeply nested populate.
const nestedPopulate = (depth: number, key = 'author'): string => {
  let q = 'populate';
  for (let i = 0; i < depth; i += 1) q += `[${i % 2 === 0 ? key : 'articles'}][populate]`;
  return `${q}=*`;
};
for (const depth of [6, 10, 15, 19, 25, 40]) {
  add({ category: 'deep-populate', method: 'GET', path: `/api/articles?${nestedPopulate(depth)}` });
  add({ category: 'deep-populate', method: 'GET', path: `/api/tags?${nestedPopulate(depth, 'articles')}` });
}
add({ category: 'deep-populate', method: 'GET', path: '/api/articles?populate[nope]=*' });
add({ category: 'deep-populate', method: 'GET', path: '/api/articles?populate[author][populate][nope]=*' });
add({ category: 'deep-populate', method: 'GET', path: '/api/articles?populate=**' });
add({
  category: 'deep-populate',
  method: 'GET',
  path: `/api/articles?${Array.from({ length: 150 }, (_, i) => `populate[${i}]=author`).join('&')}`,
});

// 9. GraphQL depth and alias bombs, batching, fragment cycles, introspection abuse.
const deepQuery = (depth: number): string => {
  let inner = 'title';
  for (let i = 0; i < depth; i += 1)
    inner = i % 2 === 0 ? `author { articles { ${inner} } }` : `tags { articles { ${inner} } }`;
  return `{ articles { ${inner} } }`;
};
for (const depth of [6, 8, 12, 20, 50]) {
  add({
    category: 'graphql-depth',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: deepQuery(depth) }),
  });
}
for (const count of [101, 500, 2000]) {
  const aliases = Array.from({ length: count }, (_, i) => `a${i}: articles { title }`).join(' ');
  add({
    category: 'graphql-alias-bomb',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: `{ ${aliases} }` }),
  });
  const fields = Array.from({ length: count }, (_, i) => `t${i}: title`).join(' ');
  add({
    category: 'graphql-alias-bomb',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: `{ articles { ${fields} } }` }),
  });
}
add({
  category: 'graphql-alias-bomb',
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: JSON.stringify({ query: `{ articles { ${'title '.repeat(5000)} } }` }),
});
add({
  category: 'graphql-alias-bomb',
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: JSON.stringify({ query: `{ articles { title ${'@include(if: true) '.repeat(500)} } }` }),
});
for (const size of [2, 10, 100]) {
  const batch = Array.from({ length: size }, () => ({ query: '{ articles { title } }' }));
  add({
    category: 'graphql-batch',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify(batch),
  });
}
const FRAGMENT_CYCLES = [
  'query { articles { ...A } } fragment A on Article { ...B } fragment B on Article { ...A }',
  'query { articles { ...A } } fragment A on Article { title ...A }',
  'query { articles { ...Missing } }',
  'query { articles { ...A } } fragment A on Article { title } fragment A on Article { slug }',
  'query A { articles { title } } query A { tags { name } }',
  'query { articles { title } } query { tags { name } }',
  'mutation { deleteArticle(documentId: "x") { documentId } }',
  'mutation { createArticle(data: { title: "x" }) { documentId } }',
  'mutation { updateSiteSetting(data: { siteName: "pwned" }) { siteName } }',
  'subscription { articles { title } }',
  '{ articles { title',
  '{ articles { nope } }',
  '{ articles(locale: fr) { title } }',
  '{ articles(status: "DRAFT") { title } }',
  '{ usersPermissionsUsers { username email } }',
  '{ me { email } }',
];
for (const query of FRAGMENT_CYCLES) {
  add({
    category: 'graphql-invalid',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query }),
  });
}
add({
  category: 'graphql-invalid',
  method: 'GET',
  path: `/graphql?query=${enc('mutation { deleteArticle(documentId: "x") { documentId } }')}`,
});
add({ category: 'graphql-invalid', method: 'GET', path: `/graphql?query=${enc('{ articles { title')}` });
add({
  category: 'graphql-invalid',
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'text/plain' },
  body: '{ articles { title } }',
});
add({
  category: 'graphql-invalid',
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'query=%7B%20articles%20%7B%20title%20%7D%20%7D',
});

// 10. Invalid UTF-8 and bad percent-encoding.
const BAD_ENCODING = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%FF%FE',
  '%C0%AF',
  '%ED%A0%80',
  '%F8%88%80%80%80',
  '%c3%28',
  '%e2%82%28',
];
for (const bad of BAD_ENCODING) {
  add({ category: 'bad-encoding', method: 'GET', path: `/api/articles?filters[title][$eq]=${bad}` });
  add({ category: 'bad-encoding', method: 'GET', path: `/api/articles/slug/${bad}` });
  add({ category: 'bad-encoding', method: 'GET', path: `/api/tags?locale=${bad}` });
  add({ category: 'bad-encoding', method: 'GET', path: `/uploads/${bad}.png` });
}
add({
  category: 'bad-encoding',
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
});
add({
  category: 'bad-encoding',
  method: 'POST',
  path: '/admin/login',
  headers: JSON_HEADERS,
  body: Buffer.from([0x7b, 0x22, 0x65, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
});
add({
  category: 'bad-encoding',
  method: 'POST',
  path: '/api/articles',
  headers: { 'content-type': 'application/json; charset=utf-7' },
  body: '{"data":{}}',
});

// 11. Path traversal under /uploads (and around it).
const TRAVERSAL = [
  '/uploads/../../package.json',
  '/uploads/..%2f..%2fpackage.json',
  '/uploads/%2e%2e/%2e%2e/package.json',
  '/uploads/%2e%2e%2f%2e%2e%2f.env',
  '/uploads/....//....//package.json',
  '/uploads/..%5c..%5cpackage.json',
  '/uploads/%252e%252e%252fpackage.json',
  '/uploads/..%c0%af..%c0%afpackage.json',
  '/uploads/%00.png',
  '/uploads/x.png%00.json',
  '/uploads/',
  '/uploads/.env',
  '/uploads/../config/database.js',
  '/uploads/../../../../../../etc/passwd',
  '/uploads/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/../../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/uploads/nonexistent.png',
  '/uploads//etc/passwd',
  '/uploads/..;/package.json',
];
for (const path of TRAVERSAL) add({ category: 'path-traversal', method: 'GET', path });

// 12. Oversized headers (Node refuses them before Koa sees the request).
add({
  category: 'oversized-header',
  method: 'GET',
  path: '/api/articles',
  headers: { 'x-filler': 'a'.repeat(20 * 1024) },
});
add({
  category: 'oversized-header',
  method: 'GET',
  path: '/graphql',
  headers: { cookie: `c=${'b'.repeat(64 * 1024)}` },
});
add({
  category: 'oversized-header',
  method: 'POST',
  path: '/admin/login',
  headers: {
    ...JSON_HEADERS,
    ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-h${i}`, 'c'.repeat(100)])),
  },
  body: '{}',
});
add({ category: 'oversized-header', method: 'GET', path: `/api/articles?${'q'.repeat(20 * 1024)}=1` });
add({
  category: 'oversized-header',
  method: 'GET',
  path: '/api/articles',
  headers: { authorization: `Bearer ${'t'.repeat(30 * 1024)}` },
});

// 13. Bad authentication material: an invalid bearer token is a 401; never a 500, never drafts.
const BAD_BEARER = [
  'Bearer not-a-token',
  'Bearer a.b.c',
  `Bearer ${'x'.repeat(300)}`,
  'Bearer eyJhbGciOiJub25lIn0.eyJpZCI6MX0.',
];
for (const authorization of BAD_BEARER) {
  add({ category: 'bad-auth', method: 'GET', path: '/api/articles?status=draft', headers: { authorization } });
  add({
    category: 'bad-auth',
    method: 'POST',
    path: '/graphql',
    headers: { ...JSON_HEADERS, authorization },
    body: JSON.stringify({ query: '{ articles(status: DRAFT) { title } }' }),
  });
}
// No bearer token at all (an empty one, another scheme): Strapi serves the Public role.
for (const authorization of ['Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Token abc']) {
  add({
    category: 'bad-auth',
    method: 'GET',
    path: '/api/articles?status=draft',
    headers: { authorization },
    expect: 'anonymous',
  });
}

// 14. Methods the public API does not allow.
const METHODS: [string, string][] = [
  ['DELETE', '/api/articles'],
  ['PATCH', '/api/articles'],
  ['PUT', '/api/articles'],
  ['POST', '/api/articles'],
  ['DELETE', '/api/articles/abc'],
  ['PUT', '/api/articles/abc'],
  ['POST', '/api/authors'],
  ['POST', '/api/tags'],
  ['POST', '/api/related-links'],
  ['PUT', '/api/site-setting'],
  ['DELETE', '/api/site-setting'],
  ['POST', SLUG_PATH],
  ['DELETE', SLUG_PATH],
  ['PUT', '/graphql'],
  ['DELETE', '/graphql'],
  ['PATCH', '/graphql'],
  ['POST', '/feeds/id.xml'],
  ['DELETE', '/sitemap.xml'],
  ['POST', '/uploads/x.png'],
  ['PUT', '/admin/login'],
  ['DELETE', '/admin/login'],
  ['TRACE', '/api/articles'],
  ['PROPFIND', '/api/articles'],
];
for (const [method, path] of METHODS)
  add({ category: 'method-not-allowed', method, path, headers: JSON_HEADERS, body: '{"data":{"title":"x"}}' });

// 16. Search (GET /api/search, GraphQL search): bad input is a 400; full-text syntax is plain words.
for (const query of [
  '',
  '?q=',
  '?q=%20%20%20',
  '?q=%09%0A',
  `?q=${'a'.repeat(201)}`,
  `?q=${enc('ü'.repeat(201))}`,
  '?q=pakta&locale=xx',
  '?q=pakta&locale[]=id',
  '?q=pakta&type=users',
  '?q=pakta&type=articles,admin',
  '?q=pakta&type[$ne]=x',
  '?q[$ne]=1',
  '?q[]=a&q[]=b',
  '?q=a&q=b',
  '?q=pakta&page=-1',
  '?q=pakta&page=1e9',
  '?q=pakta&pageSize=100000',
  '?q=pakta&pagination[pageSize]=-1',
  '?q=pakta&page=NaN',
]) {
  add({ category: 'search', method: 'GET', path: `/api/search${query}` });
}
for (const q of [
  '"',
  '""pakta"',
  '*',
  'pakta*',
  '* OR *',
  'NEAR(',
  'NEAR(pakta korut, 0)',
  'pakta AND',
  'OR OR OR',
  'NOT pakta',
  '-',
  '-pakta -korut',
  '(',
  '((pakta)',
  ')',
  ':',
  'title:pakta',
  'body : korut',
  '^',
  "'; DROP TABLE nr_search_documents; --",
  'pakta & korut | !rusia <-> ukraina',
  'pakta:* & korut:A',
  '\\',
  '%',
  '_',
  '{}',
  '[]',
  '\u0000pakta',
  '\u202e\u200bpakta',
  '\u{1F525}'.repeat(50),
]) {
  for (const locale of ['id', 'en']) {
    add({
      category: 'search-syntax',
      method: 'GET',
      path: `/api/search?q=${enc(q)}&locale=${locale}`,
      expect: 'searched',
    });
  }
}
for (const args of [
  'q: ""',
  'q: "   "',
  `q: "${'x'.repeat(201)}"`,
  'q: "pakta", locale: "xx"',
  'q: "pakta", type: ["users"]',
  'q: "pakta", pagination: { page: 0 }',
  'q: "pakta", pagination: { pageSize: 1000 }',
  'q: "pakta", pagination: { start: 0, limit: 5 }',
  'q: 5',
  'locale: "id"',
]) {
  add({
    category: 'search',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: `{ search(${args}) { data { title } } }` }),
  });
}

// 15. Unknown routes and content types.
for (const path of [
  '/api/admin-users',
  '/api/users-permissions/roles',
  '/api/upload/files',
  '/api/i18n/locales/../../admin',
  '/api/articles/slug/',
  '/api/nope',
  '/api/users',
]) {
  add({ category: 'unknown-route', method: 'GET', path });
}

export const HOSTILE_CORPUS: readonly HostileRequest[] = corpus;
