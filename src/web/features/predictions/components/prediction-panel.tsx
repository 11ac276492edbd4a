import type { Client } from '../../../../contracts/clients';
import { formatMonthsOf } from '../../../lib/format';
import { useI18n, type I18n } from '../../../lib/i18n';
import type { MessageKey } from '../../../../contracts/messages/fr';
import type { Prediction, PredictionModel, PredictionReason } from '../api/get-predictions';
import { Figure } from '../../../ui/figure';

/** « < 1 % » rather than « 0 % »: a probability the model gives is never exactly zero. */
export function probabilityText(p: number, i18n: I18n): string {
  if (p > 0 && p < 0.005) return i18n.t('prediction.underOne');
  if (p < 1 && p > 0.995) return i18n.t('prediction.overNinetyNine');
  return i18n.percent(p);
}

/** A reason of the fit's grade, naming the fit it is about (frequency or amounts). */
export function reasonText(r: PredictionReason, { t, number }: I18n): string {
  // The contract admits only the domain's reason codes, each worded in the catalogue.
  const key: MessageKey = `prediction.reason.${r.code}`;
  return t(key, { fit: t(`prediction.fit.${r.fit}`), n: number(r.count ?? 0), threshold: number(r.threshold ?? 0), code: r.code });
}

export function ConfidenceLine({ model, confidence }: { model: PredictionModel | null | undefined; confidence: Prediction['confidence'] }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  return (
    <p className={`confidence ${confidence}`} data-testid="prediction-confidence">
      <strong>{t(`prediction.confidence.${confidence}`)}</strong>
      {model
        ? t('prediction.confidenceModel', {
            clients: tn('prediction.clients', model.clients),
            repeaters: tn('prediction.repeaters', model.repeaters),
          })
        : ''}
      {model && model.reasons.length > 0 ? (
        <span className="muted"> ({model.reasons.map((r) => reasonText(r, i18n)).join(', ')})</span>
      ) : null}
    </p>
  );
}

/** « 0,3 prestation attendue », and « moins de 0,1 » rather than a « 0 » next to a few euros. */
function expectedGigsText(n: number, { t, tn }: I18n): string {
  if (n > 0 && n < 0.05) return t('prediction.underATenthGig');
  return tn('prediction.expectedGigs', Math.round(n * 10) / 10);
}

/**
 * The client page's predictions as one story: the probability of still being a client; the revenue
 * expected over 12 months, which is the expected gigs times the expected amount and so agrees with
 * that probability; what the client is worth if won back (the history-based potential when the model
 * is not trusted), labelled as such; and the seasonal follow-up with the months the gigs happened in.
 */
export function PredictionPanel({
  client,
  prediction,
  model,
}: {
  client: Client;
  prediction: Prediction | null | undefined;
  model: PredictionModel | null | undefined;
}) {
  const i18n = useI18n();
  const { t, tn, money, longDate, date, inactivity, lang } = i18n;
  if (!prediction) return null;
  const single = prediction.pAlive === null && prediction.expectedGigs !== null;
  let expectedWhy: string;
  if (prediction.expectedGigs === null) expectedWhy = t('prediction.expectedNoModelWhy');
  else if (single)
    expectedWhy = t('prediction.expectedSingleWhy', {
      gigs: expectedGigsText(prediction.expectedGigs, i18n),
      amount: money(prediction.expectedGigAmount),
    });
  else
    expectedWhy = t('prediction.expectedWhy', {
      gigs: expectedGigsText(prediction.expectedGigs, i18n),
      amount: money(prediction.expectedGigAmount),
    });
  const seasonal = prediction.seasonal;
  return (
    <section className="panel" aria-labelledby="predictions">
      <h2 id="predictions">{t('prediction.title')}</h2>
      <dl className="predictions">
        <div>
          <dt>{t('prediction.pAlive')}</dt>
          {prediction.pAlive === null ? (
            <dd data-testid="p-alive">
              {prediction.expectedGigs === null ? '—' : t('prediction.pAliveUnknown')}
              <span className="why">{single ? t('prediction.pAliveSingleWhy') : t('prediction.pAliveNoHistory')}</span>
            </dd>
          ) : (
            <dd data-testid="p-alive" data-value={prediction.pAlive}>
              {probabilityText(prediction.pAlive, i18n)}
              <span className="why">
                {t('prediction.pAliveWhy', {
                  gigs: tn('common.gigs', client.gigs),
                  since: client.daysInactive === null ? '—' : inactivity(client.daysInactive),
                })}
              </span>
            </dd>
          )}
        </div>
        <div>
          <dt>{t('prediction.expectedRevenue')}</dt>
          <dd data-testid="expected-revenue">
            {money(prediction.expectedRevenue)}
            <span className="why">{expectedWhy}</span>
          </dd>
        </div>
        <Figure term={t('prediction.ifWonBack')}>
          <span data-testid="if-won-back">{money(prediction.revenueIfWonBack)}</span>
          <span className="why">{t(`prediction.ifWonBackWhy.${prediction.basis}`)}</span>
        </Figure>
        <div>
          <dt>{t('prediction.seasonal')}</dt>
          {seasonal ? (
            <dd data-testid="seasonal">
              {longDate(seasonal.nextDate)}
              <span className="why">
                {seasonal.followUpDue
                  ? t('prediction.windowDue', { to: date(seasonal.followUpTo) })
                  : t('prediction.window', { from: date(seasonal.followUpFrom), to: date(seasonal.followUpTo) })}
              </span>
              <span className="why">{t('prediction.seasonalDates', { months: formatMonthsOf(seasonal.dates, lang) })}</span>
            </dd>
          ) : (
            <dd>
              —<span className="why">{t('prediction.noSeason')}</span>
            </dd>
          )}
        </div>
      </dl>
      <ConfidenceLine model={model} confidence={prediction.confidence} />
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
          : t('prediction.cardPAlive', {
              p: probabilityText(prediction.pAlive, i18n),
              confidence: t(`prediction.confidenceShort.${prediction.confidence}`),
            })}
      </li>
      {prediction.seasonal ? (
        <li data-testid="card-seasonal">
          {t('prediction.cardSeasonal', {
            from: date(prediction.seasonal.followUpFrom),
            to: date(prediction.seasonal.followUpTo),
            next: date(prediction.seasonal.nextDate),
          })}
        </li>
      ) : null}
    </ul>
  );
}
