/** The versions this release can bring up to date, each migration taking a file one version up. */
const MIGRATIONS: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 2 remembers the latest recorded questions per guild; a version 1 file remembers none.
  1: (file) => ({
    ...file,
    version: 2,
    guilds: mapGuilds(file.guilds, (guild) => ({ ...guild, recorded: [] })),
  }),
};

export function canMigrate(version: unknown): version is number {
  return typeof version === 'number' && version in MIGRATIONS;
}

/** The parsed JSON of an older score file, brought to `target` one version at a time. */
export function migrateScoreFile(json: Record<string, unknown>, target: number): Record<string, unknown> {
  let current = json;
  while (typeof current.version === 'number' && current.version < target) {
    const step = MIGRATIONS[current.version];
    if (!step) break;
    current = step(current);
  }
  return current;
}

/** Guild objects transformed; anything else is left for the schema to report. */
function mapGuilds(
  guilds: unknown,
  change: (guild: Record<string, unknown>) => Record<string, unknown>,
): unknown {
  if (typeof guilds !== 'object' || guilds === null || Array.isArray(guilds)) return guilds;
  return Object.fromEntries(
    Object.entries(guilds).map(([id, guild]) => [
      id,
      typeof guild === 'object' && guild !== null && !Array.isArray(guild)
        ? change(guild as Record<string, unknown>)
        : guild,
    ]),
  );
}
