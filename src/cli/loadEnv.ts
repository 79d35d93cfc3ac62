import dotenv from 'dotenv';
import { type Config, parseConfig } from '../config.ts';

/** .env (if present) under the real environment, then validated; real variables win. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const fromFile: NodeJS.ProcessEnv = {};
  dotenv.config({ processEnv: fromFile, quiet: true });
  return parseConfig({ ...fromFile, ...env });
}
