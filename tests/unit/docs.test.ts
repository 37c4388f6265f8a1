import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { ROOT } from '../helpers/strapi';
import { githubSlug, headingAnchors, relativeLinks, runnableBlocks } from '../helpers/markdown';

/**
 * The README and docs/*.md stay true: every relative link reaches a file, every `#anchor` a heading of its
 * target, and every command block marked runnable (docs/tests.md, "Runnable command blocks") runs in the
 * project root and ends with the exit status it declares. The global setup has compiled the app into dist/.
 */
const DOCS = path.join(ROOT, 'docs');
const pages = [
  path.join(ROOT, 'README.md'),
  ...fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(DOCS, f)),
];
const rel = (file: string): string => path.relative(ROOT, file);
const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('the Markdown helpers', () => {
  it('make GitHub anchors, numbering repeated headings', () => {
    expect(githubSlug('Typed fetch with `@strapi/client`')).toBe('typed-fetch-with-strapiclient');
    expect(githubSlug('Several instances on one database')).toBe('several-instances-on-one-database');
    expect([...headingAnchors('# Tests\n## Setup\n```\n# not a heading\n```\n## Setup\n')]).toEqual([
      'tests',
      'setup',
      'setup-1',
    ]);
  });

  it('find relative links outside code, and runnable blocks with their exit status', () => {
    const text = [
      '[a](docs/a.md#x) and ![b](b.svg), not [c](https://example.org) nor `[d](d.md)`',
      '```bash runnable exit=2',
      'false',
      '```',
      '```bash',
      '[e](e.md)',
      '```',
    ].join('\n');
    expect(relativeLinks(text).map((l) => l.target)).toEqual(['docs/a.md#x', 'b.svg']);
    expect(runnableBlocks(text)).toEqual([{ line: 2, language: 'bash', exit: 2, body: 'false' }]);
  });
});

describe('README.md and docs/*.md', () => {
  it('the README is a front door of at most 200 lines that links every docs page', () => {
    const readme = read(path.join(ROOT, 'README.md'));
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    const linked = new Set(relativeLinks(readme).map((l) => path.normalize(l.target.split('#')[0] as string)));
    const unlinked = pages.slice(1).filter((file) => !linked.has(rel(file)));
    expect(unlinked.map(rel)).toEqual([]);
  });

  it.each(pages.map((file) => [rel(file), file]))('every relative link of %s resolves', (_name, file) => {
    const broken: string[] = [];
    for (const { line, target } of relativeLinks(read(file))) {
      const [filePart = '', anchor] = target.split('#');
      const resolved = filePart ? path.resolve(path.dirname(file), decodeURIComponent(filePart)) : file;
      if (!fs.existsSync(resolved)) broken.push(`${rel(file)}:${line} ${target}: no such file`);
      else if (anchor !== undefined && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(anchor))
        broken.push(`${rel(file)}:${line} ${target}: no heading #${anchor} in ${rel(resolved)}`);
    }
    expect(broken).toEqual([]);
  });

  const blocks = pages.flatMap((file) =>
    runnableBlocks(read(file)).map((block) => ({ ...block, where: `${rel(file)}:${block.line}` })),
  );

  it('mark real commands runnable', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.every((b) => b.language === 'bash' && b.body.trim() !== '')).toBe(true);
  });

  it.each(blocks.map((b) => [b.where, b]))('the runnable block at %s runs', (_where, block) => {
    const res = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', block.body], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 150_000,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    });
    const output = `${res.stdout}\n${res.stderr}`.trim();
    expect({ command: block.body, status: res.status, output: res.status === block.exit ? '' : output }).toEqual({
      command: block.body,
      status: block.exit,
      output: '',
    });
  });
});
