import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { paths } from '../../../lib/router';
import { TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import type { OutboxProgress } from '../../../../contracts/outbox';
import { getOutbox } from '../api/get-outbox';
import { getVipBatch } from '../api/get-vip-batch';
import { ApiError } from '../../../lib/api-client';
import { useMailSettings } from '../api/mail-settings';
import { useOutboxListing } from '../api/outbox-page';
import type { Draft, MessageInput } from '../../../../contracts/follow-ups';
import { confirmFollowUps } from '../api/confirm-follow-up';
import { downloadEml, downloadEmlZip } from '../api/download-eml';
import { recordFollowUp } from '../api/record-follow-up';
import { mailtoLink } from '../../../../domain/email';
import { sendBatch, type BatchResult } from '../api/send-batch';
import { OutboxRow } from './outbox-row';

interface Item {
  draft: Draft;
  selected: boolean;
  subject: string;
  body: string;
  /** Without a mail server: the follow-up its Copier / mail program / .eml (or the .zip) recorded, and whether confirmed. */
  followUpId?: number;
  confirmed?: boolean;
}

function messageOf(i: Item): MessageInput {
  return {
    clientId: i.draft.client.clientId,
    subject: i.subject,
    body: i.body,
    template: i.draft.template,
    ...(i.followUpId === undefined ? {} : { followUpId: i.followUpId }),
  };
}

const POLL_MS = 1000;

/**
 * « Relancer tous les VIP inactifs »: each proposed client with its own message to review,
 * deselect or edit, then « Envoyer tout » through the outbox and its progress per recipient.
 * One batch id per opened review: a double click or a retry enqueues nothing twice.
 */
export function VipBatchReview() {
  const { t, tn } = useI18n();
  const mail = useMailSettings();
  const [error, setError] = useState<ApiError | null>(null);
  const [batchId] = useState(() => `vip-${crypto.randomUUID()}`);
  // The list as it was when opened: once sent, the server proposes these clients no more.
  const [items, setItems] = useState<Item[] | null>(null);
  const [result, setResult] = useState<BatchResult | null>(null);
  const send = useMutation(sendBatch);
  useEffect(() => {
    // Asked afresh each time the review opens (never a cached list): who is proposed changes with every send.
    let stop = false;
    getVipBatch().then(
      (data) => {
        if (!stop) setItems(data.candidates.map((draft) => ({ draft, selected: true, subject: draft.subject, body: draft.body })));
      },
      (e: unknown) => {
        if (!stop) setError(e instanceof ApiError ? e : new ApiError('internal', '', 0));
      },
    );
    return () => {
      stop = true;
    };
  }, []);
  const loading = items === null && error === null;
  const selected = (items ?? []).filter((i) => i.selected);
  const configured = mail.data?.configured === true;
  const update = (clientId: number, change: Partial<Item>) =>
    setItems((all) => (all ?? []).map((i) => (i.draft.client.clientId === clientId ? { ...i, ...change } : i)));
  const zip = useMutation(downloadEmlZip);
  const confirmAll = useMutation(confirmFollowUps);
  const [offlineDone, setOfflineDone] = useState<string | null>(null);
  const recorded = (items ?? []).filter((i) => i.followUpId !== undefined && !i.confirmed);
  const zipAll = async () => {
    const r = await zip.run(selected.map(messageOf));
    if (!r) return;
    setItems((all) =>
      (all ?? []).map((i) => (r.recorded.has(i.draft.client.clientId) ? { ...i, followUpId: r.recorded.get(i.draft.client.clientId) } : i)),
    );
    setOfflineDone(tn('batch.zipDone', r.recorded.size) + (r.refused.length > 0 ? ` ${tn('batch.zipRefused', r.refused.length)}` : ''));
  };
  const confirmRecorded = async () => {
    const ids = recorded.flatMap((i) => (i.followUpId === undefined ? [] : [i.followUpId]));
    const done = await confirmAll.run(ids);
    if (!done) return;
    const confirmed = new Set(done);
    setItems((all) => (all ?? []).map((i) => (i.followUpId !== undefined && confirmed.has(i.followUpId) ? { ...i, confirmed: true } : i)));
    setOfflineDone(tn('batch.confirmedAll', done.length));
  };
  const sendAll = async () => {
    const r = await send.run({
      batchId,
      messages: selected.map((i) => ({ clientId: i.draft.client.clientId, subject: i.subject, body: i.body, template: i.draft.template })),
    });
    if (r) setResult(r);
  };
  return (
    <div className="stack">
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {mail.data && !configured ? (
        <div className="alert info">
          <p>{t('batch.offline')}</p>
          <p>
            {t('generator.noSmtp')} <a href={paths.mailSettings}>{t('generator.smtpLink')}</a>
          </p>
        </div>
      ) : null}
      {items ? (
        <p role="status" data-testid="batch-count">
          {tn('batch.count', items.length)}
        </p>
      ) : null}
      {items && items.length === 0 ? <p className="empty">{t('batch.empty')}</p> : null}
      {result ? null : <WaitingInOutbox />}
      {result ? (
        <BatchProgress batchId={batchId} result={result} />
      ) : (
        <>
          <ul className="batch-list">
            {(items ?? []).map((item) => (
              <BatchItem
                key={item.draft.client.clientId}
                item={item}
                offline={mail.data !== undefined && !configured}
                onChange={(change) => update(item.draft.client.clientId, change)}
              />
            ))}
          </ul>
          {items && items.length > 0 && mail.data && !configured ? (
            <div className="stack-tight sticky-actions" data-testid="batch-offline-actions">
              <div className="actions">
                <button
                  type="button"
                  className="button primary"
                  disabled={selected.length === 0 || zip.pending}
                  onClick={() => void zipAll()}
                >
                  {t('batch.zip', { n: selected.length })}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={recorded.length === 0 || confirmAll.pending}
                  onClick={() => void confirmRecorded()}
                >
                  {t('batch.confirmAll', { n: recorded.length })}
                </button>
              </div>
              <div role="status">{offlineDone ? <p className="alert ok">{offlineDone}</p> : null}</div>
              <ErrorMessage error={zip.error ?? confirmAll.error} />
            </div>
          ) : null}
          {items && items.length > 0 && configured ? (
            <div className="actions sticky-actions">
              <button
                type="button"
                className="button primary"
                disabled={!configured || selected.length === 0 || send.pending}
                onClick={() => void sendAll()}
              >
                {send.pending ? t('generator.sending') : t('batch.sendAll', { n: selected.length })}
              </button>
              <a className="button" href={paths.crm}>
                {t('common.cancel')}
              </a>
            </div>
          ) : null}
          <ErrorMessage error={send.error} />
        </>
      )}
    </div>
  );
}

function BatchItem({ item, offline, onChange }: { item: Item; offline: boolean; onChange: (change: Partial<Item>) => void }) {
  const { t, tn, money, date, elapsed } = useI18n();
  const id = useId();
  const c = item.draft.client;
  const record = useMutation(recordFollowUp);
  const eml = useMutation(downloadEml);
  const busy = record.pending || eml.pending || item.confirmed === true;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${item.subject}\n\n${item.body}`);
    } catch {
      return;
    }
    const f = await record.run({ ...messageOf(item), channel: 'copied' });
    if (f) onChange({ followUpId: f.id });
  };
  const openMail = async () => {
    const f = await record.run({ ...messageOf(item), channel: 'mailto' });
    if (f) onChange({ followUpId: f.id });
  };
  const download = async () => {
    const r = await eml.run(messageOf(item));
    if (r?.followUpId) onChange({ followUpId: r.followUpId });
  };
  return (
    <li className={`card batch-item${item.selected ? '' : ' deselected'}`} data-testid="batch-item">
      <div className="card-head">
        <h2>{c.name}</h2>
        <label className="radio" htmlFor={id}>
          <input id={id} type="checkbox" checked={item.selected} onChange={(e) => onChange({ selected: e.target.checked })} />
          {t('batch.include', { name: c.name })}
        </label>
      </div>
      <p className="muted">
        {c.email ?? t('generator.noEmail')} · {tn('common.gigs', c.gigs)} · {money(c.revenue)}
        {c.lastDate && c.daysInactive !== null ? ` · ${t('batch.last', { date: date(c.lastDate), since: elapsed(c.daysInactive) })}` : ''}
      </p>
      {offline && item.selected ? (
        <div className="actions batch-item-actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('batch.copyFor', { name: c.name })}
            onClick={() => void copy()}
          >
            {t('generator.copy')}
          </button>
          <a
            className="button"
            href={mailtoLink(c.email, { subject: item.subject, body: item.body })}
            aria-label={t('batch.mailtoFor', { name: c.name })}
            onClick={() => void openMail()}
          >
            {t('generator.mailto')}
          </a>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('batch.emlFor', { name: c.name })}
            onClick={() => void download()}
          >
            {t('generator.eml')}
          </button>
          {item.followUpId !== undefined ? (
            <span className={`state ${item.confirmed ? 'sent' : 'to_confirm'}`} data-testid="batch-item-state">
              {t(item.confirmed ? 'followUpStatus.sent' : 'followUpStatus.to_confirm')}
            </span>
          ) : null}
          <ErrorMessage error={record.error ?? eml.error} />
        </div>
      ) : null}
      {item.selected ? (
        <details>
          <summary>{t('batch.edit', { subject: item.subject })}</summary>
          <div className="stack">
            <TextField
              label={t('generator.subject')}
              value={item.subject}
              onChange={(e) => onChange({ subject: e.target.value })}
              maxLength={300}
            />
            <TextAreaField label={t('generator.body')} value={item.body} onChange={(e) => onChange({ body: e.target.value })} rows={10} />
          </div>
        </details>
      ) : null}
    </li>
  );
}

function BatchProgress({ batchId, result }: { batchId: string; result: BatchResult }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<OutboxProgress | null>(null);
  const [pollError, setPollError] = useState(false);
  const [tick, setTick] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await getOutbox(batchId);
        if (stop) return;
        setProgress(p);
        setPollError(false);
        if (!p.done) timer = setTimeout(() => void poll(), POLL_MS);
      } catch {
        if (stop) return;
        setPollError(true);
        timer = setTimeout(() => void poll(), POLL_MS * 3);
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [batchId, tick]);
  const refused = result.results.filter((r) => r.result === 'refused');
  const total = progress?.total ?? 0;
  const finished = progress ? progress.counts.sent + progress.counts.failed + progress.counts.cancelled : 0;
  return (
    <section className="stack" aria-labelledby="batch-progress">
      <h2 id="batch-progress" ref={headingRef} tabIndex={-1}>
        {t('batch.progressTitle')}
      </h2>
      {progress ? (
        <div className="progress">
          <progress max={Math.max(total, 1)} value={finished} aria-labelledby="batch-progress" />
          <p role="status" data-testid="batch-summary">
            {t('batch.summary', {
              sent: progress.counts.sent,
              total,
              failed: progress.counts.failed,
              uncertain: progress.counts.uncertain,
            })}
            {progress.done ? ` — ${t('batch.done')}` : ''}
          </p>
        </div>
      ) : (
        <Loading />
      )}
      {pollError ? <p className="alert warn">{t('error.network')}</p> : null}
      <ul className="batch-list">
        {(progress?.messages ?? []).map((m) => (
          <OutboxRow key={m.id} message={m} onChanged={() => setTick((n) => n + 1)} />
        ))}
        {refused.map((r) =>
          r.result === 'refused' ? (
            <li key={`refused-${r.clientId}`} className="card outbox-row" data-testid="outbox-row">
              <span className="state failed">{t('batch.refused')}</span> {r.message}
            </li>
          ) : null,
        )}
      </ul>
      <p className="actions">
        <a className="button" href={paths.outbox}>
          {t('outbox.open')}
        </a>
        <a className="button" href={paths.crm}>
          {t('nav.backToCrm')}
        </a>
      </p>
    </section>
  );
}

/** Clients with an e-mail still waiting are not proposed again: say so, with the way to the outbox. */
function WaitingInOutbox() {
  const { t, tn } = useI18n();
  const { data } = useOutboxListing();
  if (!data || data.attention.pending === 0) return null;
  return (
    <p className="alert info" data-testid="batch-in-outbox">
      {tn('batch.inOutbox', data.attention.pending)} <a href={paths.outbox}>{t('outbox.open')}</a>
    </p>
  );
}
