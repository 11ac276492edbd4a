import type { Client } from '../../../lib/entities';
import { useI18n, type I18n } from '../../../lib/i18n';
import { usePredictions, type Prediction, type PredictionModel } from '../api/get-predictions';
import { Figure } from '../../../ui/figure';

/** « < 1 % » rather than « 0 % »: a probability the model gives is never exactly zero. */
export function probabilityText(p: number, i18n: I18n): string {
  if (p > 0 && p < 0.005) return i18n.t('prediction.underOne');
  if (p < 1 && p > 0.995) return i18n.t('prediction.overNinetyNine');
  return i18n.percent(p);
}

export function ConfidenceLine({ model, confidence }: { model: PredictionModel | undefined; confidence: Prediction['confidence'] }) {
  const { t, tn } = useI18n();
  return (
    <p className={`confidence ${confidence}`}>
      <strong>{t(`prediction.confidence.${confidence}`)}</strong>
      {model ? ` : ${tn('prediction.clients', model.clients)}, ${tn('prediction.repeaters', model.repeaters)}` : ''}
      {model && model.reasons.length > 0 ? <span className="muted"> ({model.reasons.join(', ')})</span> : null}
    </p>
  );
}

/**
 * The client page's predictions: still a client, revenue expected over 12 months and if won
 * back, the seasonal follow-up; each with its line of why, and the model's confidence said plainly.
 */
export function PredictionPanel({ client, prediction }: { client: Client; prediction: Prediction | null | undefined }) {
  const i18n = useI18n();
  const { t, tn, money, longDate, date, inactivity } = i18n;
  const { data } = usePredictions();
  if (!prediction) return null;
  const basis = t(`prediction.basis.${prediction.basis}`);
  const expectedGigs = prediction.expectedGigs === null ? null : Math.round(prediction.expectedGigs * 10) / 10;
  return (
    <section className="panel" aria-labelledby="predictions">
      <h2 id="predictions">{t('prediction.title')}</h2>
      <dl className="predictions">
        <div>
          <dt>{t('prediction.pAlive')}</dt>
          {prediction.pAlive === null ? (
            <dd data-testid="p-alive">
              <span className="why">{prediction.explanation}</span>
            </dd>
          ) : (
            <dd data-testid="p-alive" data-value={prediction.pAlive}>
              {probabilityText(prediction.pAlive, i18n)}
              <span className="why">
                {t('prediction.pAliveWhy', { gigs: tn('common.gigs', client.gigs), since: client.daysInactive === null ? '—' : inactivity(client.daysInactive) })}
              </span>
            </dd>
          )}
        </div>
        <div>
          <dt>{t('prediction.expectedRevenue')}</dt>
          <dd data-testid="expected-revenue">
            {money(prediction.expectedRevenue)}
            <span className="why">
              {expectedGigs === null ? basis : `${tn('prediction.expectedGigs', expectedGigs)}, ${basis}.`}
            </span>
          </dd>
        </div>
        <Figure term={t('prediction.ifWonBack')}>
          {money(prediction.revenueIfWonBack)}
          <span className="why">{t('prediction.ifWonBackWhy')}</span>
        </Figure>
        <div>
          <dt>{t('prediction.seasonal')}</dt>
          {prediction.seasonal ? (
            <dd data-testid="seasonal">
              {longDate(prediction.seasonal.nextDate)}
              <span className="why">
                {t('prediction.window', { from: date(prediction.seasonal.followUpFrom), to: date(prediction.seasonal.followUpTo) })}
              </span>
              <span className="why">{prediction.seasonal.explanation}</span>
            </dd>
          ) : (
            <dd>
              —<span className="why">{t('prediction.noSeason')}</span>
            </dd>
          )}
        </div>
      </dl>
      <ConfidenceLine model={data?.model} confidence={prediction.confidence} />
    </section>
  );
}

/** The lines a card of « Clients à relancer » / « en veille » adds: probability and seasonal window. */
export function PredictionFacts({ prediction }: { prediction: Prediction | undefined }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  if (!prediction) return null;
  return (
    <ul className="facts prediction-facts">
      <li data-testid="card-p-alive">
        {prediction.pAlive === null
          ? t('prediction.cardTooEarly')
          : t('prediction.cardPAlive', { p: probabilityText(prediction.pAlive, i18n), confidence: t(`prediction.confidenceShort.${prediction.confidence}`) })}
      </li>
      {prediction.seasonal ? (
        <li data-testid="card-seasonal">
          {t('prediction.cardSeasonal', { from: date(prediction.seasonal.followUpFrom), to: date(prediction.seasonal.followUpTo), next: date(prediction.seasonal.nextDate) })}
        </li>
      ) : null}
    </ul>
  );
}
