import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../core/userError.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into messages that name the command's usage. */
export function parseOptions<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\nUsage: ${usage}`);
  }
}

export function integerOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UserError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}
