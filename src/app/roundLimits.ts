import { DIFFICULTIES, type Difficulty } from '../core/question.ts';
import { SCORING_POLICIES, type ScoringPolicyName } from '../core/scoring.ts';
import { UserError } from '../core/userError.ts';

/** The one place a round's limits are written: the slash command, the config and the CLI read them. */
export const ROUND_LIMITS = {
  count: { min: 1, max: 50 },
  seconds: { min: 5, max: 120 },
  revealSeconds: { min: 0, max: 30 },
} as const;

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface RoundLimits {
  readonly count: Range;
  readonly seconds: Range;
}

/** What a round uses when its starter leaves an option out (QUIZ_DEFAULT_* in .env). */
export interface RoundDefaults {
  count: number;
  seconds: number;
  scoring: ScoringPolicyName;
  revealSeconds: number;
}

export const BUILT_IN_DEFAULTS: RoundDefaults = {
  count: 10,
  seconds: 20,
  scoring: 'accuracy',
  revealSeconds: 5,
};

export function checkRange(name: string, value: number, range: Range): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UserError(`${name} must be a whole number from ${range.min} to ${range.max}.`);
  }
  return value;
}

export function checkScoring(value: string): ScoringPolicyName {
  if (!(SCORING_POLICIES as readonly string[]).includes(value)) {
    throw new UserError(`scoring must be ${SCORING_POLICIES.join(' or ')}.`);
  }
  return value as ScoringPolicyName;
}

export function checkDifficulty(value: string): Difficulty {
  if (!(DIFFICULTIES as readonly string[]).includes(value)) {
    throw new UserError(`difficulty must be ${DIFFICULTIES.join(', ')}.`);
  }
  return value as Difficulty;
}
