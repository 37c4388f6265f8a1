/**
 * A hand-written SVG of the bench results: one row per request, requests/s
 * (left) and p50/p99 latency (right) against N (log scale), one line per
 * server (a PostgreSQL one named `<mode> pg`).
 */
type Sample = { engine?: string; server: string; request: string; reqPerSec: number; p50: number; p99: number };
type Report = {
  date: string;
  machine: { cpus: number; cpuModel: string };
  results: { n: number; samples: Sample[] }[];
};

const COLORS: Record<string, string> = {
  floor: '#222222',
  cached: '#1b9e77',
  uncached: '#d95f02',
  stock: '#7570b3',
  'cached pg': '#66a61e',
  'uncached pg': '#e7298a',
};
/** The line a sample belongs to: its server, and its engine when that is not SQLite. */
const seriesOf = (s: Sample): string => (s.engine === 'postgres' ? `${s.server} pg` : s.server);
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const renderChart = (report: Report): string => {
  const ns = report.results.map((r) => r.n);
  const requests = [...new Set(report.results.flatMap((r) => r.samples.map((s) => s.request)))];
  const servers = [...new Set(report.results.flatMap((r) => r.samples.map(seriesOf)))];
  const panelW = 360;
  const panelH = 170;
  const margin = { left: 60, top: 30, gap: 40 };
  const width = margin.left + 2 * (panelW + margin.gap) + 20;
  const height = 70 + requests.length * (panelH + margin.gap) + 30;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  out.push(
    `<text x="${margin.left}" y="20" font-size="14">newsroom bench ${esc(report.date.slice(0, 16))}Z, ${report.machine.cpus}× ${esc(report.machine.cpuModel)}: requests/s and latency against N</text>`,
  );
  servers.forEach((server, i) => {
    const x = margin.left + i * 110;
    out.push(`<line x1="${x}" y1="40" x2="${x + 20}" y2="40" stroke="${COLORS[server] ?? '#999'}" stroke-width="2"/>`);
    out.push(`<text x="${x + 25}" y="44">${esc(server)}</text>`);
  });
  out.push(`<text x="${margin.left + 460}" y="44">latency: solid p50, dashed p99</text>`);

  const minN = Math.min(...ns);
  const maxN = Math.max(...ns);
  const xOf = (n: number, x0: number): number =>
    maxN === minN
      ? x0 + panelW / 2
      : x0 + ((Math.log10(n) - Math.log10(minN)) / (Math.log10(maxN) - Math.log10(minN))) * panelW;

  requests.forEach((request, row) => {
    const y0 = 70 + row * (panelH + margin.gap);
    const panels: { title: string; metrics: ('reqPerSec' | 'p50' | 'p99')[] }[] = [
      { title: `${request}: requests/s`, metrics: ['reqPerSec'] },
      { title: `${request}: latency ms`, metrics: ['p50', 'p99'] },
    ];
    panels.forEach((panel, col) => {
      const x0 = margin.left + col * (panelW + margin.gap);
      const values = report.results.flatMap((r) =>
        r.samples.filter((s) => s.request === request).flatMap((s) => panel.metrics.map((m) => s[m])),
      );
      const max = Math.max(1, ...values) * 1.1;
      const yOf = (v: number): number => y0 + panelH - (v / max) * panelH;
      out.push(`<rect x="${x0}" y="${y0}" width="${panelW}" height="${panelH}" fill="none" stroke="#ccc"/>`);
      out.push(`<text x="${x0}" y="${y0 - 6}" font-weight="bold">${esc(panel.title)}</text>`);
      for (const t of [0, 0.5, 1]) {
        const v = max * t;
        out.push(
          `<text x="${x0 - 5}" y="${yOf(v) + 4}" text-anchor="end">${v >= 100 ? v.toFixed(0) : v.toFixed(1)}</text>`,
        );
      }
      for (const n of ns)
        out.push(`<text x="${xOf(n, x0)}" y="${y0 + panelH + 14}" text-anchor="middle">N=${n}</text>`);
      for (const server of servers) {
        panel.metrics.forEach((metric, k) => {
          const points = report.results
            .map((r) => ({ n: r.n, s: r.samples.find((s) => s.request === request && seriesOf(s) === server) }))
            .filter((p): p is { n: number; s: Sample } => p.s !== undefined)
            .map((p) => `${xOf(p.n, x0).toFixed(1)},${yOf(p.s[metric]).toFixed(1)}`);
          if (points.length === 0) return;
          const color = COLORS[server] ?? '#999';
          const dash = k === 1 ? ' stroke-dasharray="4 3"' : '';
          out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
          for (const p of points) {
            const [cx, cy] = p.split(',');
            out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`);
          }
        });
      }
    });
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
};
