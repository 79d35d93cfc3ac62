import pg from 'pg';

/**
 * SQLSTATE classes worth a retry: the connection (08), the server's resources (53), an operator
 * or the server ending the session (57: shutdown, termination, a statement timeout), a
 * deadlock or serialization failure (40) and I/O errors (58).
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58']);

/**
 * True when saving again later may work: the server could not be reached or the session was
 * lost. A failure the server did not send comes from the network (ECONNREFUSED, a connection
 * terminated unexpectedly, a connection timeout). False for anything the server refused on its
 * merits (bad data, a missing table): the same results would fail the same way again.
 */
export function isTransientFailure(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  return TRANSIENT_CLASSES.has((error.code ?? '').slice(0, 2));
}
