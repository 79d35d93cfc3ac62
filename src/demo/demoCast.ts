import type { Random } from '../core/random.ts';

/** How a simulated member plays: how often they know the answer, and how quickly they click. */
export interface Skill {
  label: string;
  /** Chance of knowing the answer; 0 means they guess. */
  knows: number;
  /** Chance of answering at all. */
  answers: number;
  /** Answer time as a share of the question's window, drawn between these two. */
  earliest: number;
  latest: number;
}

export const SKILLS = {
  expert: { label: 'knows almost everything', knows: 0.92, answers: 1, earliest: 0.15, latest: 0.45 },
  solid: { label: 'well prepared', knows: 0.78, answers: 0.95, earliest: 0.25, latest: 0.6 },
  average: { label: 'average', knows: 0.55, answers: 0.9, earliest: 0.3, latest: 0.75 },
  guesser: { label: 'guesses', knows: 0, answers: 0.85, earliest: 0.08, latest: 0.35 },
} as const satisfies Record<string, Skill>;

export interface DemoMember {
  name: string;
  skill: Skill;
}

const NAMES = [
  'Ann',
  'Bo',
  'Cy',
  'Dara',
  'Eli',
  'Femi',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kofi',
  'Lea',
  'Milo',
  'Nia',
  'Omar',
  'Pia',
  'Quinn',
  'Rosa',
  'Sami',
  'Tess',
] as const;

export const MAX_DEMO_MEMBERS = NAMES.length;

/** The first three are always an expert, an average member and a guesser; the rest are drawn. */
export function castMembers(count: number, random: Random): DemoMember[] {
  const first: Skill[] = [SKILLS.expert, SKILLS.average, SKILLS.guesser];
  const pool: Skill[] = [
    SKILLS.expert,
    SKILLS.solid,
    SKILLS.solid,
    SKILLS.average,
    SKILLS.average,
    SKILLS.guesser,
  ];
  return NAMES.slice(0, count).map((name, i) => ({
    name,
    skill: first[i] ?? (pool[Math.floor(random() * pool.length)] as Skill),
  }));
}
