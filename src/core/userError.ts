/**
 * A mistake the user can fix (bad input, a missing file): shown to them as is, without a
 * stack trace. Anything else is a bug: logged with context, and the user gets a short apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
