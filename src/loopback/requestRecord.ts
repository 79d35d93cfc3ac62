/** One REST request the loopback received. Bodies are kept by reference, not copied. */
export interface RequestRecord {
  seq: number;
  method: string;
  /** Decoded path below `/api/v10`, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: string;
  /** `METHOD /template` of the matched route, or null when no route matched. */
  routeKey: string | null;
  params: Readonly<Record<string, string>>;
  body: unknown;
  /** Filled in when the answer is sent; 0 while pending or for a hung request. */
  status: number;
  /** Discord error code of a failed request. */
  errorCode: number | null;
  /** Loopback clock time of arrival. */
  at: number;
}
