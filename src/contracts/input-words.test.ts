import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputIssues } from './errors';
import { frenchIssueMessage, invalidInputText, isMessageKey } from './input-words';
import { message } from './messages';
import { settingsUpdateSchema } from './settings';

const issuesOf = (value: unknown) => {
  const result = settingsUpdateSchema.safeParse(value);
  if (result.success) throw new Error('accepted');
  return inputIssues(result.error, isMessageKey);
};

describe('an input refused by its schema', () => {
  it('gives each problem as a code and its figures, worded in either language', () => {
    const issues = issuesOf({ djName: 'x'.repeat(300) });
    expect(issues).toEqual([{ path: ['djName'], code: 'too_big', origin: 'string', maximum: 200 }]);
    expect(invalidInputText(issues, (k, v) => message('en', k, v))).toBe('Invalid input (djName): at most 200 characters.');
    expect(invalidInputText(issues, (k, v) => message('fr', k, v))).toBe('Donnée invalide (djName) : au plus 200 caractères.');
  });

  it('words a schema’s own message from the catalogue, and names unknown fields', () => {
    const zone = issuesOf({ timeZone: 'Mars/Olympus' });
    expect(zone).toEqual([{ path: ['timeZone'], code: 'custom', key: 'input.timeZone' }]);
    expect(invalidInputText(zone, (k, v) => message('fr', k, v))).toBe('Donnée invalide (timeZone) : fuseau horaire inconnu.');
    const unknown = issuesOf({ colour: 'red' });
    expect(invalidInputText(unknown, (k, v) => message('en', k, v))).toBe('Invalid input: unknown field: colour.');
    expect(frenchIssueMessage('input.isoDate')).toBe('date attendue au format AAAA-MM-JJ');
    expect(frenchIssueMessage(z.string().safeParse(1).error!.issues[0]!.message)).not.toMatch(/^input\./);
  });
});
