import type { DatabaseTarget } from './databaseTarget.ts';

/**
 * The score database cannot be used. The message names the server, the database and the user
 * (never the password) and says what to check, so `studyquiz start` can print it as it is.
 */
export class ScoreDatabaseError extends Error {
  override readonly name = 'ScoreDatabaseError';

  constructor(
    readonly target: DatabaseTarget,
    readonly problem: string,
    readonly advice: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot use the score database ${describeTarget(target)}: ${problem}.\n${advice}`, options);
  }
}

export function describeTarget({ host, port, database, user }: DatabaseTarget): string {
  return `${database} on ${host}:${port} as user ${user}`;
}
