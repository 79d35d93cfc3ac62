import { describe, expect, it } from 'vitest';
import { detectBankFormat } from '../../src/bank/detectBankFormat.ts';

describe('telling the format from the content', () => {
  it.each([
    ['a YAML topic', 'topic.yaml', 'topic: chem\ntitle: Chem\nquestions: []\n', 'yaml'],
    ['a YAML topic named .txt', 'topic.txt', '# comment\ntopic: chem\ntitle: Chem\n', 'yaml'],
    ['GIFT named .txt', 'quiz.txt', '// Moodle\n::Q1:: Salt is ionic. {T}\n', 'gift'],
    ['GIFT without titles', 'quiz.txt', 'Which bond shares electrons? {=Covalent ~Ionic}\n', 'gift'],
    ['a Quizlet tab export', 'cards.txt', 'Atom\tSmallest unit\nIon\tCharged atom\n', 'tsv'],
    ['a CSV', 'cards.txt', 'Atom,Smallest unit\nIon,"Charged, an atom"\n', 'csv'],
    ['a term with a colon in a tab export', 'cards.txt', 'Note: atom\tSmallest unit\nIon\tCharged\n', 'tsv'],
    [
      'an Anki export with a semicolon separator',
      'deck.txt',
      '#separator:Semicolon\nAtom;Smallest unit\n',
      'csv',
    ],
    [
      'an Anki export with a tab separator',
      'deck.csv',
      '#separator:tab\n#html:true\nAtom\tSmallest\n',
      'tsv',
    ],
    ['a CSV named .tsv', 'cards.tsv', 'Atom,Smallest unit\nIon,Charged atom\n', 'csv'],
    ['a YAML list named .yaml', 'topic.yaml', '- one\n- two\n', 'yaml'],
  ])('GIVEN %s THEN it is read as such', (_label, fileName, text, format) => {
    expect(detectBankFormat(fileName, text)).toBe(format);
  });

  it('GIVEN prose THEN no format is claimed', () => {
    expect(detectBankFormat('notes.txt', 'Just some notes about chemistry.\nAnd more.\n')).toBeUndefined();
  });
});
