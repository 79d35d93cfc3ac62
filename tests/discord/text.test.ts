import { describe, expect, it } from 'vitest';
import { inertText, safeName } from '../../src/discord/render/text.ts';

describe('member-supplied text', () => {
  it('GIVEN a name that is a masked link or a heading THEN it shows as plain text', () => {
    // An escaped opening bracket is enough for Discord to show the text, not a link.
    expect(safeName('[free nitro](https://evil.example)')).toBe('\\[free nitro](https://evil.example)');
    expect(safeName('# BIG')).toBe('\\# BIG');
    expect(inertText('**bold** [x](https://a.example)', 100)).toBe(
      '\\*\\*bold\\*\\* \\[x](https://a.example)',
    );
  });

  it('GIVEN an empty or endless name THEN it is replaced or cut', () => {
    expect(safeName('   ')).toBe('someone');
    expect(safeName('a'.repeat(500))).toHaveLength(64);
  });
});
