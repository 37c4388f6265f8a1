/**
 * The little of Markdown the docs test needs: headings and their GitHub anchors, relative links, and the
 * command blocks marked runnable (a fenced block whose info string is `<language> runnable`, optionally
 * `exit=<status>`; see docs/tests.md). Text inside fenced blocks and inline code is neither a heading nor a link.
 */

export type MarkdownLink = { line: number; target: string };
export type RunnableBlock = { line: number; language: string; exit: number; body: string };

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
const RUNNABLE = /^(\w+)\s+runnable(?:\s+exit=(\d+))?\s*$/;

/** The lines outside fenced code blocks, with their 1-based numbers. */
const proseLines = (text: string): { line: number; text: string }[] => {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((line, index) => {
    const match = FENCE.exec(line);
    if (match) {
      const marker = match[1] as string;
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence) && (match[2] ?? '').trim() === '') fence = null;
      return;
    }
    if (fence === null) out.push({ line: index + 1, text: line });
  });
  return out;
};

/**
 * GitHub's heading anchor: lower case, punctuation dropped (letters, digits, spaces, `-` and `_` kept),
 * spaces to `-`; a repeated heading gets `-1`, `-2`… (github/cmark-gfm's anchor rule, as GitHub renders it).
 */
export const githubSlug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');

export const headingAnchors = (text: string): Set<string> => {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of proseLines(text)) {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const base = githubSlug(match[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
};

/** Links and images whose target is not a URL with a scheme (`https:`, `mailto:` …). */
export const relativeLinks = (text: string): MarkdownLink[] => {
  const links: MarkdownLink[] = [];
  for (const { line, text: raw } of proseLines(text)) {
    const withoutCode = raw.replace(/`[^`]*`/g, '');
    for (const match of withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] as string;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ line, target });
    }
  }
  return links;
};

export const runnableBlocks = (text: string): RunnableBlock[] => {
  const blocks: RunnableBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = FENCE.exec(lines[i] as string);
    if (!open) continue;
    const marker = open[1] as string;
    const info = RUNNABLE.exec((open[2] ?? '').trim());
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length; i += 1) {
      const close = FENCE.exec(lines[i] as string);
      if (close && (close[1] as string).startsWith(marker) && (close[2] ?? '').trim() === '') break;
      body.push(lines[i] as string);
    }
    if (info) {
      blocks.push({
        line: start + 1,
        language: info[1] as string,
        exit: Number(info[2] ?? 0),
        body: body.join('\n'),
      });
    }
  }
  return blocks;
};
