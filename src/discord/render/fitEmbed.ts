import type { APIEmbed } from 'discord.js';
import { truncate } from './text.ts';

/** Discord's limit on the sum of an embed's title, description, field names and values, and footer. */
export const EMBED_TOTAL_LIMIT = 6000;

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Shortens the longest texts (field values or the description) until the embed fits the total. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  let excess = embedLength(embed) - EMBED_TOTAL_LIMIT;
  if (excess <= 0) return embed;
  const fitted: APIEmbed = { ...embed, fields: (embed.fields ?? []).map((field) => ({ ...field })) };
  const fields = fitted.fields ?? [];
  while (excess > 0) {
    const longestField = fields.reduce<(typeof fields)[number] | undefined>(
      (longest, field) => (!longest || field.value.length > longest.value.length ? field : longest),
      undefined,
    );
    const descriptionLength = fitted.description?.length ?? 0;
    const target = longestField && longestField.value.length >= descriptionLength ? longestField : undefined;
    const length = target ? target.value.length : descriptionLength;
    const keep = Math.max(1, length - excess);
    if (target) target.value = truncate(target.value, keep);
    else fitted.description = truncate(fitted.description ?? '', keep);
    excess = embedLength(fitted) - EMBED_TOTAL_LIMIT;
  }
  return fitted;
}
