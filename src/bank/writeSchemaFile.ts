import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { bankJsonSchema } from './bankSchema.ts';

export const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'questions', 'schema.json');

export function schemaFileText(): string {
  return `${JSON.stringify(bankJsonSchema(), null, 2)}\n`;
}

// `npm run schema` regenerates questions/schema.json after a change to bankSchema.ts.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SCHEMA_FILE, schemaFileText());
  console.log(`Wrote ${SCHEMA_FILE}`);
}
