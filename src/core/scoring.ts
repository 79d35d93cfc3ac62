export const SCORING_POLICIES = ['accuracy', 'speed'] as const;
export type ScoringPolicyName = (typeof SCORING_POLICIES)[number];

export interface ScoringInput {
  correct: boolean;
  /** Time from the question opening to the answer, in ms. */
  elapsedMs: number;
  /** Time allowed for the question, in ms. */
  limitMs: number;
  /** Consecutive correct answers in this round, including this one. */
  streak: number;
}

/** accuracy: every correct answer is worth the same. */
export const ACCURACY_POINTS = 100;
/** speed: a correct answer earns between half and all of this, by how fast it came. */
export const SPEED_MAX_POINTS = 1000;
/** speed: each correct answer in a row after the first adds this much, up to the cap. */
export const STREAK_BONUS_STEP = 100;
export const STREAK_BONUS_CAP = 500;

export function pointsFor(policy: ScoringPolicyName, input: ScoringInput): number {
  if (!input.correct) return 0;
  if (policy === 'accuracy') return ACCURACY_POINTS;
  const fractionUsed = Math.min(1, Math.max(0, input.elapsedMs / input.limitMs));
  const speedPoints = Math.round(SPEED_MAX_POINTS * (1 - fractionUsed / 2));
  const streakBonus = Math.min(STREAK_BONUS_CAP, Math.max(0, input.streak - 1) * STREAK_BONUS_STEP);
  return speedPoints + streakBonus;
}
