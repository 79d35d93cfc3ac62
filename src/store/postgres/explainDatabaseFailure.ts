import type { DatabaseTarget } from './databaseTarget.ts';
import { ScoreDatabaseError } from './ScoreDatabaseError.ts';

const CHECK_URL = 'Check DATABASE_URL (see .env.example).';

/** Why load() could not open the database, in words a person running the bot can act on. */
export function explainDatabaseFailure(error: unknown, target: DatabaseTarget): ScoreDatabaseError {
  const { host, port, database, user } = target;
  const code = (error as { code?: unknown } | null)?.code;
  const fail = (problem: string, advice: string) =>
    new ScoreDatabaseError(target, problem, advice, { cause: error });
  switch (code) {
    case 'ECONNREFUSED':
      return fail(
        `nothing accepts connections on ${host}:${port}`,
        `Check that PostgreSQL is running there and listens on TCP port ${port} (listen_addresses), and that DATABASE_URL names the right host and port.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(`the host ${host} is not known`, 'Check the host name in DATABASE_URL (see .env.example).');
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(
        `${host}:${port} did not answer`,
        'Check that the host is up and that no firewall blocks the port.',
      );
    case '28P01':
      return fail(
        `the server refused the password for user ${user}`,
        `Check the user and the password in DATABASE_URL. ${CHECK_URL}`,
      );
    case '28000':
      return fail(
        `the server does not let user ${user} connect to ${database} from here`,
        'Check the user in DATABASE_URL, and that pg_hba.conf on the server allows this host, user and database.',
      );
    case '3D000':
      return fail(
        `the database ${database} does not exist`,
        `Create it (for example: createdb -h ${host} -p ${port} -U ${user} ${database}) or fix its name in DATABASE_URL.`,
      );
    case '42501':
      return fail(
        `user ${user} may not create the score tables`,
        `Let the user create tables in the database (for example: GRANT CREATE ON SCHEMA public TO ${user}), or use the database's owner.`,
      );
    case '53300':
      return fail('the server has no free connection slots', 'Raise max_connections or close other clients.');
    case '57P03':
      return fail('the server is starting up or shutting down', 'Start the bot again once the server is up.');
  }
  if (error instanceof ScoreDatabaseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) {
    return fail(
      `${host}:${port} did not answer in time`,
      'Check that the host is up and that no firewall blocks the port.',
    );
  }
  return fail(message, CHECK_URL);
}
