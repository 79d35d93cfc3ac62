import { MAX_ID_LENGTH } from './bankSchema.ts';

/** A kebab-case id made from text: `Security dilemma` → `security-dilemma`; empty when nothing is left. */
export function slugId(text: string, maxLength = MAX_ID_LENGTH): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  // A single word longer than the limit still gives an id.
  return slug || (words[0] ?? '').slice(0, maxLength);
}

/** slugId, made unique among `used` with -2, -3…; `fallback` when the text has no letters or digits. */
export function uniqueSlug(text: string, used: ReadonlySet<string>, fallback: string): string {
  // Room for a "-99" suffix within the id limit.
  const base = slugId(text, MAX_ID_LENGTH - 4) || fallback;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
