import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEuros } from '../money';
import { placeholderValues, type MessageFacts } from './placeholders';
import {
  chooseTemplate,
  DEFAULT_TEMPLATES,
  leftoverPlaceholder,
  PLACEHOLDER_NAMES,
  renderTemplate,
  TEMPLATE_KEYS,
  TemplateError,
  validateTemplate,
  type PlaceholderValues,
} from './templates';

function buildFacts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    clientName: 'YELLOW MONKEYS',
    contact: 'Kevin Arnaud',
    gigs: 7,
    revenueCents: 245_000,
    lastDate: '2023-06-27',
    asOf: '2026-01-14',
    freeDates: ['2026-01-16', '2026-01-17'],
    djName: 'DJ Max',
    signature: 'Max – DJ Pro\n06 00 00 00 00',
    ...overrides,
  };
}

describe('chooseTemplate', () => {
  it('follows the guide: VIP lapsed → VIP inactif, lapsed → Standard, dormant → Rappel doux, active → Fidélisation', () => {
    expect(chooseTemplate({ status: 'lapsed', vip: true })).toBe('vipLapsed');
    expect(chooseTemplate({ status: 'lapsed', vip: false })).toBe('standard');
    expect(chooseTemplate({ status: 'dormant', vip: true })).toBe('gentleReminder');
    expect(chooseTemplate({ status: 'dormant', vip: false })).toBe('gentleReminder');
    expect(chooseTemplate({ status: 'active', vip: true })).toBe('loyalty');
  });
});

describe('the default templates', () => {
  it('validate, and carry the guide’s subjects', () => {
    for (const key of TEMPLATE_KEYS) expect(validateTemplate(DEFAULT_TEMPLATES[key])).toEqual([]);
    expect(DEFAULT_TEMPLATES.vipLapsed.subject).toBe('On se retrouve bientôt ? 🎵');
    expect(DEFAULT_TEMPLATES.standard.subject).toBe('Nouveautés et disponibilités - DJ Pro');
    expect(DEFAULT_TEMPLATES.gentleReminder.subject).toBe('Des projets en vue ?');
  });

  it('render the Standard message of YELLOW MONKEYS with its figures', () => {
    const m = renderTemplate(DEFAULT_TEMPLATES.standard, placeholderValues(buildFacts()));
    expect(m.subject).toBe('Nouveautés et disponibilités - DJ Pro');
    expect(m.body).toMatch(/^Bonjour Kevin,\n\n/);
    expect(m.body).toContain('YELLOW MONKEYS');
    expect(m.body).toContain('7 prestations ensemble, la dernière le 27 juin 2023 : cela fait plus de 2 ans !');
    expect(m.body).toContain('vendredi 16 janvier et samedi 17 janvier');
    expect(m.body).toMatch(/Bien à vous,\nMax – DJ Pro\n06 00 00 00 00$/);
    expect(leftoverPlaceholder(m.body)).toBeNull();
  });

  it('fall back to a neutral greeting, the DJ name as signature, and no dangling blank lines', () => {
    const m = renderTemplate(
      DEFAULT_TEMPLATES.gentleReminder,
      placeholderValues(buildFacts({ contact: 'Service Culture', signature: '', freeDates: [] })),
    );
    expect(m.body).toMatch(/^Bonjour,\n/);
    expect(m.body).toContain('mes prochaines dates libres : à convenir ensemble.');
    expect(m.body).toMatch(/DJ Max$/);
    const bare = renderTemplate(DEFAULT_TEMPLATES.gentleReminder, placeholderValues(buildFacts({ signature: '', djName: '' })));
    expect(bare.body).toMatch(/Belle journée à vous,$/);
  });

  it('say "1 prestation" and format revenue the French way', () => {
    const v = placeholderValues(buildFacts({ gigs: 1, revenueCents: 41_150 }));
    expect(v.prestations).toBe('1 prestation');
    expect(v.ca).toBe(formatEuros(41_150));
    expect(placeholderValues(buildFacts()).ca).toBe(formatEuros(245_000));
    expect(formatEuros(245_000).replace(/\s/g, ' ')).toBe('2 450 €');
  });
});

describe('validateTemplate', () => {
  it('refuses an unknown placeholder and an unclosed one, naming them', () => {
    const problems = validateTemplate({ subject: 'Bonjour {{nom}}', body: 'Salut {{prenom}} {{client' });
    expect(problems.map((p) => [p.field, p.token])).toEqual([
      ['subject', '{{nom}}'],
      ['body', '{{client'],
    ]);
    expect(problems[0]?.code).toBe('unknown_placeholder');
  });

  it('accepts placeholders whatever their case, accents and inner spaces', () => {
    expect(validateTemplate({ subject: '{{ Client }}', body: '{{Prénom}} {{DATESLIBRES}}' })).toEqual([]);
    expect(renderTemplate({ subject: '{{ Client }}', body: '{{Prénom}}' }, placeholderValues(buildFacts()))).toEqual({
      subject: 'YELLOW MONKEYS',
      body: 'Kevin',
    });
  });

  it('refuses an empty or multi-line subject and an empty body', () => {
    expect(validateTemplate({ subject: ' ', body: '' }).map((p) => p.code)).toEqual(['subject_empty', 'body_empty']);
    expect(validateTemplate({ subject: 'a\nb', body: 'x' })).toHaveLength(1);
  });

  it('makes renderTemplate throw rather than leave a placeholder', () => {
    expect(() => renderTemplate({ subject: 'x', body: '{{inconnu}}' }, placeholderValues(buildFacts()))).toThrow(TemplateError);
  });
});

describe('rendering never leaves {{ in a message', () => {
  const names = PLACEHOLDER_NAMES;
  const piece = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('{', '}', '{{', '}}', '{{{', ' '),
    fc.constantFrom(...names).map((n) => `{{${n}}}`),
  );
  const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
  const values = fc.record(
    Object.fromEntries(names.map((n) => [n, fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('{', '{{', '}', '{{prenom}}'))])),
  ) as fc.Arbitrary<PlaceholderValues>;

  it('for every template that validates and any values', () => {
    fc.assert(
      fc.property(text, text, values, (subject, body, v) => {
        const t = { subject: `S${subject}`, body: `B${body}` };
        if (validateTemplate(t).length > 0) {
          expect(() => renderTemplate(t, v)).toThrow(TemplateError);
          return;
        }
        const m = renderTemplate(t, v);
        expect(m.subject).not.toContain('{{');
        expect(m.body).not.toContain('{{');
      }),
      { numRuns: 2000 },
    );
  });
});
