import pg from 'pg';

/**
 * A pool on DATABASE_URL for a store beside the score store (reviews, banks): few connections,
 * statements that cannot hang, idle connections that never keep the process alive, and a lost
 * idle connection told to `onBackgroundError` instead of crashing the process.
 */
export function openPool(options: {
  connectionString: string;
  max: number;
  onBackgroundError?: ((error: Error) => void) | undefined;
}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
    keepAlive: true,
    application_name: 'studyquiz',
    allowExitOnIdle: true,
  });
  pool.on('error', (error) => options.onBackgroundError?.(error));
  return pool;
}
