import pg from 'pg';

/** Where a DATABASE_URL leads, as pg resolves it (with PGHOST, PGUSER… for what it leaves out). */
export interface DatabaseTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function databaseTarget(connectionString: string): DatabaseTarget {
  // A client that never connects: only its resolved parameters are read.
  const client = new pg.Client({ connectionString });
  return {
    host: client.host,
    port: client.port,
    database: client.database ?? '',
    user: client.user ?? '',
  };
}
