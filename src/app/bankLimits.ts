/** What one server may upload: enough for a course, small enough for every server to fit in memory. */
export const BANK_LIMITS = {
  /** Bytes of one uploaded file. */
  fileBytes: 1024 * 1024,
  questionsPerServer: 2_000,
  topicsPerServer: 200,
  /** How long reading one file may take (in a worker thread). */
  parseMs: 5_000,
  /** How long a preview or a removal waits for its button. */
  pendingMs: 15 * 60_000,
} as const;

export type BankLimits = { readonly [K in keyof typeof BANK_LIMITS]: number };
