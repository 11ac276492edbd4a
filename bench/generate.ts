/**
 * Writes the bench's clients and gigs files, deterministically from a seed: French names with
 * accents, five years of gigs sorted by date, amounts 50–2,000 €, references, statuses, types,
 * venues and cities, in the shape of demo/*_dj_clean.csv (UTF-8, comma-separated).
 * The clients file's statistics columns agree with the gigs file, as a real export's would.
 */
import { once } from 'node:events';
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { fromDayNumber, toDayNumber } from '../src/domain/dates';
import { nameKey } from '../src/domain/names';
import { Prng } from './prng';
import { CANCELLED_NOTES, CATEGORIES, CITIES, FIRST_NAMES, LAST_NAMES, MULTILINE_NOTE, NOTES, type Category } from './vocabulary';

/** The bench's reference date: every done gig lies on or before it, bookings after it. */
export const BENCH_REFERENCE_DATE = '2026-01-14';
const LAST_DONE_DAY = toDayNumber(BENCH_REFERENCE_DATE);
const FIRST_DAY = LAST_DONE_DAY - 5 * 365 + 1;
const LAST_BOOKING_DAY = LAST_DONE_DAY + 180;

export interface BenchSize {
  clients: number;
  gigs: number;
}

export interface GeneratedFiles {
  clientsPath: string;
  gigsPath: string;
  clientsBytes: number;
  gigsBytes: number;
  clients: number;
  gigs: number;
  doneGigs: number;
  ms: number;
}

interface ClientModel {
  name: string;
  contact: string;
  email: string;
  phone: string;
  city: string;
  category: Category;
  /** The client's usual price, in euros. */
  price: number;
  firstDay: number;
  lastDay: number;
  weight: number;
}

interface ClientStats {
  gigs: number;
  revenueCents: number;
  firstDay: number;
  lastDay: number;
  minCents: number;
  maxCents: number;
}

const GIGS_HEADER = 'reference,date,client,type_evenement,lieu,ville,montant,duree_heures,statut,notes';
const CLIENTS_HEADER =
  'nom,contact,email,telephone,ville,categorie,nb_prestations,ca_total,premiere_prestation,derniere_prestation,tarif_min,tarif_max';

export async function generateBenchFiles(dir: string, size: BenchSize, seed = 20260114): Promise<GeneratedFiles> {
  const started = performance.now();
  const rng = new Prng(seed);
  const clients = makeClients(rng, size.clients);
  const { clientOf, dayOf, order } = planGigs(rng, clients, size.gigs);
  const gigsPath = join(dir, 'prestations_bench.csv');
  const clientsPath = join(dir, 'clients_bench.csv');
  const stats = await writeGigs(gigsPath, rng, clients, clientOf, dayOf, order);
  await writeClients(clientsPath, clients, stats);
  return {
    clientsPath,
    gigsPath,
    clientsBytes: statSync(clientsPath).size,
    gigsBytes: statSync(gigsPath).size,
    clients: clients.length,
    gigs: size.gigs,
    doneGigs: stats.reduce((n, s) => n + s.gigs, 0),
    ms: performance.now() - started,
  };
}

function makeClients(rng: Prng, count: number): ClientModel[] {
  const totalShare = CATEGORIES.reduce((n, c) => n + c.share, 0);
  const pickCategory = () => {
    let r = rng.next() * totalShare;
    for (const c of CATEGORIES) if ((r -= c.share) < 0) return c;
    return CATEGORIES[0] as Category;
  };
  const pick = <T>(items: readonly T[]) => rng.pick(items);
  const taken = new Set<string>();
  const clients: ClientModel[] = [];
  while (clients.length < count) {
    const category = pickCategory();
    const city = rng.pick(CITIES);
    // Names repeat across a big portfolio: the city, then a number, tells them apart as a DJ would.
    let name = category.makeName(pick);
    if (taken.has(nameKey(name))) name = `${name} (${city})`;
    for (let n = 2; taken.has(nameKey(name)); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    taken.add(nameKey(name));

    const prospect = rng.chance(0.02);
    const stillActive = rng.chance(0.4);
    const firstDay = rng.int(FIRST_DAY, FIRST_DAY + Math.floor((LAST_DONE_DAY - FIRST_DAY) * 0.85));
    const lastDay = stillActive ? LAST_BOOKING_DAY : rng.int(Math.min(firstDay + 30, LAST_DONE_DAY), LAST_DONE_DAY);
    const [low, high] = category.price;
    clients.push({
      name,
      contact: rng.chance(0.8) ? `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}` : '',
      email: rng.chance(0.9) ? `contact@${slug(name)}.example` : '',
      phone: rng.chance(0.85) ? phoneNumber(rng) : '',
      city,
      category,
      price: rng.int(low, high),
      firstDay,
      lastDay,
      weight: prospect ? 0 : Math.exp(rng.normal() * 1.1),
    });
  }
  return clients;
}

/** Who each gig is for and when, then the gigs' order by date (a counting sort: stable, deterministic). */
function planGigs(rng: Prng, clients: readonly ClientModel[], count: number) {
  const cumulative = new Float64Array(clients.length);
  let sum = 0;
  clients.forEach((c, i) => (cumulative[i] = sum += c.weight));
  const clientOf = new Int32Array(count);
  const dayOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = lowerBound(cumulative, rng.next() * sum);
    const client = clients[c] as ClientModel;
    let day = rng.int(client.firstDay, client.lastDay);
    // Most gigs are on a Friday or a Saturday night.
    if (rng.chance(0.7)) day = Math.min(client.lastDay, day + ((5 + rng.int(0, 1) - weekday(day) + 7) % 7));
    clientOf[i] = c;
    dayOf[i] = day;
  }
  const perDay = new Int32Array(LAST_BOOKING_DAY - FIRST_DAY + 2);
  for (const day of dayOf) perDay[day - FIRST_DAY + 1]! += 1;
  for (let d = 1; d < perDay.length; d++) perDay[d]! += perDay[d - 1]!;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[perDay[dayOf[i]! - FIRST_DAY]!++] = i;
  return { clientOf, dayOf, order };
}

async function writeGigs(
  path: string,
  rng: Prng,
  clients: readonly ClientModel[],
  clientOf: Int32Array,
  dayOf: Int32Array,
  order: Int32Array,
): Promise<ClientStats[]> {
  const stats: ClientStats[] = clients.map(() => ({ gigs: 0, revenueCents: 0, firstDay: 0, lastDay: 0, minCents: 0, maxCents: 0 }));
  const sequence = new Map<string, number>();
  const out = new BufferedWriter(path);
  out.line(GIGS_HEADER);
  for (const i of order) {
    const client = clients[clientOf[i]!] as ClientModel;
    const day = dayOf[i]!;
    const date = fromDayNumber(day);
    const year = date.slice(0, 4);
    const n = (sequence.get(year) ?? 0) + 1;
    sequence.set(year, n);
    const kind = rng.pick(client.category.kinds);
    const status = day > LAST_DONE_DAY ? (rng.chance(0.75) ? 'confirmée' : 'option') : rng.chance(0.04) ? 'annulée' : 'réalisée';
    const euros = Math.min(2000, Math.max(50, Math.round((client.price * (0.8 + rng.next() * 0.4)) / 10) * 10));
    const cents = euros * 100 + (rng.chance(0.05) ? 50 : 0);
    const notes =
      status === 'annulée' ? rng.pick(CANCELLED_NOTES) : rng.chance(0.15) ? rng.pick(NOTES) : rng.chance(0.002) ? MULTILINE_NOTE : '';
    out.line(
      [
        `P${year}-${String(n).padStart(6, '0')}`,
        date,
        spelledAsTyped(rng, client.name),
        kind.type,
        rng.pick(kind.venues),
        rng.chance(0.85) ? client.city : rng.pick(CITIES),
        euroText(cents),
        rng.chance(0.95) ? String(rng.int(2, 8)) : '',
        status,
        notes,
      ]
        .map(csvField)
        .join(','),
    );
    if (status === 'réalisée') {
      const s = stats[clientOf[i]!] as ClientStats;
      if (s.gigs === 0) Object.assign(s, { firstDay: day, minCents: cents, maxCents: cents });
      s.gigs += 1;
      s.revenueCents += cents;
      s.lastDay = day;
      s.minCents = Math.min(s.minCents, cents);
      s.maxCents = Math.max(s.maxCents, cents);
    }
    await out.drained();
  }
  await out.close();
  return stats;
}

async function writeClients(path: string, clients: readonly ClientModel[], stats: readonly ClientStats[]) {
  const out = new BufferedWriter(path);
  out.line(CLIENTS_HEADER);
  clients.forEach((c, i) => {
    const s = stats[i] as ClientStats;
    const done = s.gigs > 0;
    out.line(
      [
        c.name,
        c.contact,
        c.email,
        c.phone,
        c.city,
        c.category.name,
        String(s.gigs),
        euroText(s.revenueCents),
        done ? fromDayNumber(s.firstDay) : '',
        done ? fromDayNumber(s.lastDay) : '',
        done ? euroText(s.minCents) : '',
        done ? euroText(s.maxCents) : '',
      ]
        .map(csvField)
        .join(','),
    );
  });
  await out.close();
}

/** A client's name as a gig row types it: usually as in the clients file, sometimes in capitals or without accents. */
function spelledAsTyped(rng: Prng, name: string): string {
  const r = rng.next();
  if (r < 0.03) return name.toLocaleUpperCase('fr');
  if (r < 0.05) return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return name;
}

function euroText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function slug(name: string): string {
  return nameKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function phoneNumber(rng: Prng): string {
  const pairs = Array.from({ length: 4 }, () => String(rng.int(0, 99)).padStart(2, '0'));
  return `0${rng.pick(['6', '7', '4'])} ${pairs.join(' ')}`;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lines gathered into large writes, with back-pressure. */
class BufferedWriter {
  private readonly stream: WriteStream;
  private buffer = '';

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  line(text: string): void {
    this.buffer += text + '\n';
  }

  async drained(): Promise<void> {
    if (this.buffer.length < 1 << 20) return;
    const full = this.stream.write(this.buffer);
    this.buffer = '';
    if (!full) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end(this.buffer);
    this.buffer = '';
    await once(this.stream, 'finish');
  }
}
