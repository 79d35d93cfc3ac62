import dotenv from 'dotenv';
import { type Config, parseConfig } from '../config.ts';

/** The environment with .env (if present) beneath it: real variables win. */
export function withDotenv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const fromFile: NodeJS.ProcessEnv = {};
  dotenv.config({ processEnv: fromFile, quiet: true });
  return { ...fromFile, ...env };
}

/** .env and the environment, validated. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parseConfig(withDotenv(env));
}
