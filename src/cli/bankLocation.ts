import path from 'node:path';
import { PACKAGE_ROOT } from '../packageRoot.ts';

/** The bank that ships with studyquiz, found from the package itself so any working directory works. */
export const SHIPPED_QUESTIONS_DIR = path.join(PACKAGE_ROOT, 'questions');

export function questionsDir(env: NodeJS.ProcessEnv, override?: string): string {
  return override ?? env.QUESTIONS_DIR ?? SHIPPED_QUESTIONS_DIR;
}
