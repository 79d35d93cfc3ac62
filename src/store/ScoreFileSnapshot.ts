import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SCORE_FILE_FORMAT, SCORE_FILE_VERSION } from './scoreFileSchema.ts';
import type { MemberColumns, TallyTable, WeekTable } from './tables.ts';

/** What a snapshot reads from a guild. */
export interface GuildTables {
  readonly members: MemberColumns;
  readonly topics: ReadonlyMap<string, TallyTable>;
  readonly concepts: ReadonlyMap<string, TallyTable>;
  readonly weeks: ReadonlyMap<string, WeekTable>;
}

/** Part of a column, copied; `time` columns hold epoch ms. */
interface Slice {
  values: readonly (number | string)[];
  time: boolean;
}

/** Values per slice: about a millisecond of JSON each. */
const SLICE = 16_384;
/** Work between two turns of the event loop while the text is built. */
const BUDGET_MS = 4;

/**
 * The score file's content at one moment: copies of every column, cut into slices, taken in one
 * synchronous step (a memory copy) so that scores recorded afterwards never mix in. The JSON text
 * is then built slice by slice, giving the event loop a turn every few milliseconds.
 */
export class ScoreFileSnapshot {
  private constructor(private readonly pieces: readonly (string | Slice)[]) {}

  static of(guilds: ReadonlyMap<string, GuildTables>): ScoreFileSnapshot {
    const out: (string | Slice)[] = [
      `{"format":${JSON.stringify(SCORE_FILE_FORMAT)},"version":${SCORE_FILE_VERSION},"guilds":{`,
    ];
    let separator = '';
    for (const [guildId, guild] of guilds) {
      out.push(`${separator}${JSON.stringify(guildId)}:{"members":`);
      separator = ',';
      pushColumns(out, guild.members, MEMBER_COLUMNS);
      for (const kind of ['topics', 'concepts', 'weeks'] as const) {
        out.push(`,"${kind}":{`);
        let comma = '';
        for (const [key, table] of guild[kind]) {
          out.push(`${comma}${JSON.stringify(key)}:`);
          comma = ',';
          pushColumns(out, table.columns, kind === 'weeks' ? WEEK_COLUMNS : TALLY_COLUMNS);
        }
        out.push('}');
      }
      out.push('}');
    }
    out.push('}}\n');
    return new ScoreFileSnapshot(out);
  }

  /**
   * The whole score file (see scoreFileSchema.ts): at once when it takes less than one budget of
   * work (the caller can start writing in the same tick), else a promise of it.
   */
  toJson(): string | Promise<string> {
    const parts: string[] = [];
    const done = this.build(parts, 0);
    return done === this.pieces.length ? parts.join('') : this.finish(parts, done);
  }

  private async finish(parts: string[], from: number): Promise<string> {
    for (let next = from; next < this.pieces.length; ) {
      await nextTurn();
      next = this.build(parts, next);
    }
    return parts.join('');
  }

  /** Turns pieces from `from` on into text for one budget of work; returns the next piece. */
  private build(parts: string[], from: number): number {
    const start = performance.now();
    let next = from;
    while (next < this.pieces.length) {
      const piece = this.pieces[next++] as string | Slice;
      if (typeof piece === 'string') {
        parts.push(piece);
        continue;
      }
      parts.push(sliceJson(piece));
      if (performance.now() - start > BUDGET_MS) break;
    }
    return next;
  }
}

const MEMBER_COLUMNS = ['id', 'name', 'points', 'answered', 'correct', 'bestStreak', 'reachedAt'] as const;
const TALLY_COLUMNS = ['member', 'answered', 'correct'] as const;
const WEEK_COLUMNS = ['member', 'points', 'answered', 'correct', 'reachedAt'] as const;

/** `{"name":[…],…}` for one table. */
function pushColumns(
  out: (string | Slice)[],
  columns: Readonly<Record<string, readonly (number | string)[]>>,
  names: readonly string[],
): void {
  let separator = '{';
  for (const name of names) {
    const values = columns[name] ?? [];
    out.push(`${separator}${JSON.stringify(name)}:[`);
    separator = ',';
    const time = name === 'reachedAt';
    for (let from = 0; from < values.length; from += SLICE) {
      if (from > 0) out.push(',');
      out.push({ values: values.slice(from, from + SLICE), time });
    }
    out.push(']');
  }
  out.push('}');
}

/** The items of a slice as JSON, without brackets. */
function sliceJson({ values, time }: Slice): string {
  // JSON.stringify is fastest on small integers; epoch ms are doubles, which `join` formats
  // faster (it caches repeated numbers). Both give the same text for finite numbers.
  if (time && values.every(Number.isFinite)) return values.join(',');
  return JSON.stringify(values).slice(1, -1);
}
