import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { nestFormIssues } from '../../src/loopback/apiError.ts';
import { loopbackRoutes } from '../../src/loopback/loopbackRoutes.ts';
import { computePermissions } from '../../src/loopback/permissions.ts';
import { RateLimiter } from '../../src/loopback/rateLimiter.ts';
import { allRoutes } from '../../src/loopback/routes/allRoutes.ts';
import { validateMessage } from '../../src/loopback/validateMessage.ts';
import { validateChoices } from '../../src/loopback/validateModal.ts';

describe('loopback building blocks', () => {
  it('GIVEN the named route keys THEN each names a served route', () => {
    const served = new Set(allRoutes.map((r) => `${r.method} ${r.template}`));
    for (const key of Object.values(loopbackRoutes)) expect(served).toContain(key);
  });

  it('GIVEN a bucket of 2 per second THEN the third request waits for the window, on the injected clock', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(
      {
        rules: [{ route: loopbackRoutes.editMessage, limit: 2, windowMs: 1000, per: 'channelId' }],
        fallback: null,
        global: null,
      },
      () => now,
    );
    const edit = (channelId: string) => limiter.check(loopbackRoutes.editMessage, { channelId }, true);
    expect(edit('1').headers['X-RateLimit-Remaining']).toBe('1');
    expect(edit('1').limited).toBe(false);
    const third = edit('1');
    expect(third).toMatchObject({ limited: true, global: false, retryAfterMs: 1000 });
    expect(third.headers['Retry-After']).toBe('1.000');
    expect(edit('2').limited).toBe(false);
    now += 1000;
    expect(edit('1').limited).toBe(false);
  });

  it('GIVEN role and channel overwrites THEN permissions follow Discord order: @everyone, roles, member', () => {
    const { ViewChannel, SendMessages, ManageMessages, Administrator } = PermissionFlagsBits;
    const base = { guildId: 'g', ownerId: 'owner', userId: 'u', everyone: ViewChannel | SendMessages };
    const role = { id: 'mods', permissions: ManageMessages };
    const denySend = { id: 'g', type: 0 as const, allow: 0n, deny: SendMessages };
    const allowModsSend = { id: 'mods', type: 0 as const, allow: SendMessages, deny: 0n };
    const denyMember = { id: 'u', type: 1 as const, allow: 0n, deny: SendMessages };
    expect(computePermissions({ ...base, roles: [], overwrites: [denySend] }) & SendMessages).toBe(0n);
    expect(
      computePermissions({ ...base, roles: [role], overwrites: [denySend, allowModsSend] }) & SendMessages,
    ).toBe(SendMessages);
    expect(
      computePermissions({ ...base, roles: [role], overwrites: [allowModsSend, denyMember] }) & SendMessages,
    ).toBe(0n);
    const admin = { id: 'admin', permissions: Administrator };
    expect(computePermissions({ ...base, roles: [admin], overwrites: [denyMember] }) & SendMessages).toBe(
      SendMessages,
    );
  });

  it('GIVEN embed and field limits THEN each violation is reported at its path', () => {
    const issues = validateMessage({
      embeds: [
        {
          title: 't'.repeat(257),
          fields: [{ name: '', value: 'v'.repeat(1025) }],
          footer: { text: 'f'.repeat(2049) },
        },
      ],
    });
    expect(nestFormIssues(issues)).toEqual({
      embeds: {
        0: {
          title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] },
          footer: {
            text: {
              _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2048 or fewer in length.' }],
            },
          },
          fields: {
            0: {
              name: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
              value: {
                _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 1024 or fewer in length.' }],
              },
            },
          },
        },
      },
    });
    const tooManyFields = validateMessage({
      embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }],
    });
    expect(tooManyFields.map((i) => i.path.join('.'))).toEqual(['embeds.0.fields']);
    const longLabel = validateMessage({
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'a', label: 'l'.repeat(81) }] }],
    });
    expect(longLabel.map((i) => i.path.join('.'))).toEqual(['components.0.components.0.label']);
  });

  it('GIVEN more than 25 autocomplete choices THEN they are refused', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(validateChoices({ choices }).map((i) => i.code)).toEqual(['BASE_TYPE_MAX_LENGTH']);
    expect(validateChoices({ choices: choices.slice(0, 25) })).toEqual([]);
  });
});
