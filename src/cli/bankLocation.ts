import { fileURLToPath } from 'node:url';

/** The bank that ships with studyquiz, found from the package itself so any working directory works. */
export const SHIPPED_QUESTIONS_DIR = fileURLToPath(new URL('../../questions', import.meta.url));

export function questionsDir(env: NodeJS.ProcessEnv, override?: string): string {
  return override ?? env.QUESTIONS_DIR ?? SHIPPED_QUESTIONS_DIR;
}
