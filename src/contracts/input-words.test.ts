import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputIssues } from './errors';
import { inputIssueText, invalidInputText, isMessageKey } from './input-words';
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
    // zod's own (English) words never reach a French reader: the issue is worded from its code.
    const [notText] = inputIssues(z.string().safeParse(1).error!, isMessageKey);
    expect(inputIssueText(notText!, (k, v) => message('fr', k, v))).toBe(message('fr', 'input.issue.invalid_type', { expected: 'string' }));
  });
});
