import type { Concept, Glossary } from '../bank/glossary.ts';
import { UserError } from '../core/userError.ts';
import { questionsDir } from './bankLocation.ts';
import { type CliCommand, line } from './cliIo.ts';
import { withDotenv } from './loadEnv.ts';
import { loadValidBank } from './loadValidBank.ts';
import { parseOptions } from './parseOptions.ts';
import { wrapText } from './wrapText.ts';

export const EXPLAIN_USAGE = 'studyquiz explain <concept> [--bank PATH]';

export const explainCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseOptions(args, { bank: { type: 'string' } }, EXPLAIN_USAGE);
  const query = positionals.join(' ').trim();
  if (query === '')
    throw new UserError(`Name a concept, e.g. studyquiz explain security-dilemma\nUsage: ${EXPLAIN_USAGE}`);
  const bank = await loadValidBank(questionsDir(withDotenv(io.env), values.bank));
  const concept = bank.glossary.find(query);
  if (!concept) {
    const suggestions = bank.glossary.suggest(query);
    io.stderr.write(`No concept matches "${query}".\n`);
    if (suggestions.length > 0) {
      io.stderr.write(`Closest: ${suggestions.map((s) => `${s.title} (${s.id})`).join(', ')}\n`);
    }
    return 1;
  }
  line(io, conceptText(concept, bank.glossary));
  return 0;
};

export function conceptText(concept: Concept, glossary: Glossary): string {
  const parts = [
    `${concept.title} (${concept.id})`,
    '',
    wrapText(concept.summary),
    '',
    wrapText(concept.explanation),
  ];
  if (concept.aliases.length > 0) parts.push('', `Also known as: ${concept.aliases.join(', ')}`);
  if (concept.related.length > 0) {
    const related = concept.related.map((id) => glossary.get(id)?.title ?? id);
    parts.push(`Related: ${related.join(', ')}`);
  }
  if (concept.sources.length > 0) parts.push('Sources:', ...concept.sources.map((source) => `  - ${source}`));
  return parts.join('\n');
}
