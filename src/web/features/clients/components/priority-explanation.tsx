import type { Client } from '../../../../contracts/clients';
import { useI18n } from '../../../lib/i18n';

/** Why a client ranks where it does in « Clients à relancer »: each term of its score, out of its maximum. */
export function PriorityExplanation({ client }: { client: Client }) {
  const { t, number, money } = useI18n();
  if (client.priority === null) return null;
  const total = client.priorityTerms.reduce((s, term) => s + term.max, 0);
  const valueOf = (term: Client['priorityTerms'][number]) => {
    switch (term.term) {
      case 'vip':
        return term.value ? t('priority.isVip') : t('priority.notVip');
      case 'gigs':
        return number(term.value);
      case 'revenue':
        return money(term.value);
      case 'recency':
        return t('priority.days', { days: number(term.value) });
    }
  };
  return (
    <div className="priority">
      <p>
        <strong>{t('priority.score', { score: number(client.priority), max: number(total) })}</strong>
      </p>
      <ul className="terms">
        {client.priorityTerms.map((term) => (
          <li key={term.term}>
            {t('priority.termLine', {
              term: t(`priority.term.${term.term}`),
              value: valueOf(term),
              points: number(term.points),
              max: number(term.max),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
