import { describe, expect, it } from 'vitest';
import { camel, snake } from './case';

describe('rows to camelCase and back', () => {
  it('renames every snake_case column, keeps the values, and gives them back as columns', () => {
    const row = { id: 1, name_key: 'yellow monkeys', file_revenue_cents: null, created_at: '2026-01-14' };
    expect(camel(row)).toEqual({ id: 1, nameKey: 'yellow monkeys', fileRevenueCents: null, createdAt: '2026-01-14' });
    expect(snake<typeof row>(camel(row))).toEqual(row);
  });

  it('writes no column for a field left undefined (an update leaves it alone)', () => {
    expect(snake<{ name?: string; updated_at?: string }>({ name: undefined, updatedAt: 'now' })).toEqual({ updated_at: 'now' });
  });
});
