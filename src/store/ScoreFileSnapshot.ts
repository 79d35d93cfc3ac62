import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Columns, ColumnTable, FrozenColumns } from './ColumnTable.ts';
import { SCORE_FILE_FORMAT, SCORE_FILE_VERSION } from './scoreFileSchema.ts';
import type { MemberColumns, TallyColumns, WeekColumns } from './tables.ts';

/** What a snapshot reads from a guild. */
export interface GuildTables {
  readonly members: ColumnTable<MemberColumns>;
  readonly topics: ReadonlyMap<string, ColumnTable<TallyColumns>>;
  readonly concepts: ReadonlyMap<string, ColumnTable<TallyColumns>>;
  readonly weeks: ReadonlyMap<string, ColumnTable<WeekColumns>>;
  readonly recorded: readonly string[];
}

/** A column held by the snapshot, or the part of it from `from` up to `to`. */
interface ColumnPart {
  frozen: FrozenColumns;
  name: string;
  whole: boolean;
  from: number;
  to: number;
}

/** Values per part of a slow column: about a millisecond of work each. */
const SLICE = 16_384;
/** Work between two turns of the event loop while the text is built. */
const BUDGET_MS = 4;

/**
 * Columns of text or epoch ms, several times slower to format than small integers: they are
 * formatted in parts. The others are formatted whole (a millisecond for 100,000 values).
 */
const SLOW_COLUMNS = new Set(['id', 'name', 'reachedAt']);

const MEMBER_COLUMNS = ['id', 'name', 'points', 'answered', 'correct', 'bestStreak', 'reachedAt'] as const;
const TALLY_COLUMNS = ['member', 'answered', 'correct'] as const;
const WEEK_COLUMNS = ['member', 'points', 'answered', 'correct', 'reachedAt'] as const;

/**
 * The score file's content at one moment. Taking it only holds every table (see ColumnTable: a
 * table changed later hands the snapshot a copy first), so it costs no copying, and scores
 * recorded afterwards never mix in. The JSON text is then built a few milliseconds at a time,
 * giving the event loop a turn in between.
 */
export class ScoreFileSnapshot {
  private constructor(
    private readonly pieces: readonly (string | ColumnPart)[],
    private readonly releases: readonly (() => void)[],
  ) {}

  static of(guilds: ReadonlyMap<string, GuildTables>): ScoreFileSnapshot {
    const out: (string | ColumnPart)[] = [
      `{"format":${JSON.stringify(SCORE_FILE_FORMAT)},"version":${SCORE_FILE_VERSION},"guilds":{`,
    ];
    const releases: (() => void)[] = [];
    const table = <C extends Columns>(t: ColumnTable<C>, names: readonly string[]) => {
      const frozen = t.hold();
      releases.push(() => t.release(frozen));
      pushColumns(out, frozen as unknown as FrozenColumns, names);
    };
    let separator = '';
    for (const [guildId, guild] of guilds) {
      out.push(`${separator}${JSON.stringify(guildId)}:{"members":`);
      separator = ',';
      table(guild.members, MEMBER_COLUMNS);
      for (const kind of ['topics', 'concepts', 'weeks'] as const) {
        out.push(`,"${kind}":{`);
        let comma = '';
        for (const [key, t] of guild[kind]) {
          out.push(`${comma}${JSON.stringify(key)}:`);
          comma = ',';
          table(t, kind === 'weeks' ? WEEK_COLUMNS : TALLY_COLUMNS);
        }
        out.push('}');
      }
      // A thousand short keys at most: copied as text now, so later records never mix in.
      out.push(`,"recorded":${JSON.stringify(guild.recorded)}}`);
    }
    out.push('}}\n');
    return new ScoreFileSnapshot(out, releases);
  }

  /**
   * The whole score file (see scoreFileSchema.ts): at once when it takes less than one budget of
   * work (the caller can start writing in the same tick), else a promise of it. Call once: it
   * lets go of the tables when done.
   */
  toJson(): string | Promise<string> {
    const parts: string[] = [];
    let next: number;
    try {
      next = this.build(parts, 0);
    } catch (error) {
      this.release();
      throw error;
    }
    if (next < this.pieces.length) return this.finish(parts, next);
    this.release();
    return parts.join('');
  }

  private async finish(parts: string[], from: number): Promise<string> {
    try {
      for (let next = from; next < this.pieces.length; ) {
        await nextTurn();
        next = this.build(parts, next);
      }
      return parts.join('');
    } finally {
      this.release();
    }
  }

  /** Turns pieces from `from` on into text for one budget of work; returns the next piece. */
  private build(parts: string[], from: number): number {
    const start = performance.now();
    let next = from;
    while (next < this.pieces.length) {
      const piece = this.pieces[next++] as string | ColumnPart;
      if (typeof piece === 'string') {
        parts.push(piece);
        continue;
      }
      parts.push(partJson(piece));
      if (performance.now() - start > BUDGET_MS) break;
    }
    return next;
  }

  private release(): void {
    for (const release of this.releases) release();
  }
}

/** `{"name":[…],…}` for one table. */
function pushColumns(out: (string | ColumnPart)[], frozen: FrozenColumns, names: readonly string[]): void {
  let separator = '{';
  for (const name of names) {
    out.push(`${separator}${JSON.stringify(name)}:`);
    separator = ',';
    const length = frozen.columns[name]?.length ?? 0;
    if (!SLOW_COLUMNS.has(name)) {
      out.push({ frozen, name, whole: true, from: 0, to: length });
      continue;
    }
    out.push('[');
    for (let from = 0; from < length; from += SLICE) {
      if (from > 0) out.push(',');
      out.push({ frozen, name, whole: false, from, to: Math.min(length, from + SLICE) });
    }
    out.push(']');
  }
  out.push('}');
}

/** A whole column as a JSON list, or the items of part of one without brackets. */
function partJson({ frozen, name, whole, from, to }: ColumnPart): string {
  const column = frozen.columns[name] ?? [];
  if (whole) return JSON.stringify(column);
  const values = column.slice(from, to);
  // Epoch ms are doubles, which `join` formats faster than JSON.stringify (it caches repeated
  // numbers); both give the same text for finite numbers.
  if (name === 'reachedAt' && values.every(Number.isFinite)) return values.join(',');
  return JSON.stringify(values).slice(1, -1);
}
