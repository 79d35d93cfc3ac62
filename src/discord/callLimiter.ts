/**
 * At most `limit` calls in flight; the rest wait as plain closures. Past the connection pool's
 * size, more concurrent calls only hold more request state in memory, they do not finish sooner.
 */
export function createCallLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function limited<T>(call: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await call();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
