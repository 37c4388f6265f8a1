/**
 * What the importer tells its user: one line per item that was not imported
 * as it was (failed, skipped for a reason worth reading, or imported with a
 * note), a progress bar on a terminal (periodic lines otherwise) with rate and
 * ETA, and a summary of created, updated, skipped and failed items, each
 * counted by reason.
 */
export type Outcome = 'created' | 'updated' | 'skipped' | 'failed';

export class ImportReport {
  readonly counts: Record<Outcome, number> = { created: 0, updated: 0, skipped: 0, failed: 0 };
  readonly reasons: Record<Outcome, Map<string, number>> = {
    created: new Map(),
    updated: new Map(),
    skipped: new Map(),
    failed: new Map(),
  };
  notes = 0;

  constructor(
    private readonly out: (line: string) => void,
    private readonly prefix = '[wordpress]',
  ) {}

  line(text: string): void {
    this.out(`${this.prefix} ${text}`);
  }

  /** Counts `n` items under `outcome` for `reason`; prints `detail` (naming the item) when given. */
  count(outcome: Outcome, reason: string, detail?: string, n = 1): void {
    this.counts[outcome] += n;
    const reasons = this.reasons[outcome];
    reasons.set(reason, (reasons.get(reason) ?? 0) + n);
    if (detail) this.line(`${outcome.padEnd(7)} ${detail}`);
  }

  note(subject: string, note: string): void {
    this.notes += 1;
    this.line(`note    ${subject}: ${note}`);
  }

  summary(dryRun: boolean): void {
    const c = this.counts;
    this.line(
      `summary${dryRun ? ' (dry run: nothing written)' : ''}: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed, ${this.notes} note(s)`,
    );
    for (const outcome of ['created', 'updated', 'skipped', 'failed'] as const) {
      const reasons = [...this.reasons[outcome].entries()].sort((a, b) => b[1] - a[1]);
      if (reasons.length > 0) this.line(`  ${outcome}: ${reasons.map(([r, n]) => `${n} ${r}`).join(', ')}`);
    }
  }
}

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
};

/** Items read of `total`, their rate and the time left: a bar redrawn in place on a TTY, else a line every `everyMs`. */
export class Progress {
  private readonly started = Date.now();
  private lastLine = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = 5000,
  ) {}

  private text(done: number): string {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (this.total - done) / rate : Number.POSITIVE_INFINITY;
    const pct = this.total > 0 ? Math.floor((done / this.total) * 100) : 100;
    return `${done}/${this.total} items (${pct}%), ${rate.toFixed(1)} items/s, ETA ${duration(eta)}`;
  }

  update(done: number, force = false): void {
    if (this.stream.isTTY) {
      const width = 30;
      const filled = this.total > 0 ? Math.round((done / this.total) * width) : width;
      this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.text(done)}\x1b[K`);
      this.drawn = true;
      return;
    }
    const now = Date.now();
    if (!force && now - this.lastLine < this.everyMs) return;
    this.lastLine = now;
    this.stream.write(`[wordpress] progress ${this.text(done)}\n`);
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.drawn) this.stream.write('\n');
  }
}
