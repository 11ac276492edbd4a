/**
 * A real SMTP server on loopback for the sending tests (smtp-server, port 0), whose behaviour a
 * test changes while it runs: refuse a recipient, hold the answer to a message, delay the greeting.
 * It records every message it received in full (`received`) and the ones it accepted (`accepted`).
 */
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpBehaviour {
  /** A recipient refused at RCPT TO with this 5xx answer. */
  refuse: Map<string, string>;
  /** Delay before the greeting, in ms. */
  greetingDelayMs: number;
  /** For a message to this recipient, the answer to DATA is held until `release()` (or forever). */
  holdDataFor: Set<string>;
  /** Called when a message arrives in full (before the answer). */
  onReceived: (mail: ReceivedMail) => void;
  /** Answer 2xx only after this delay, in ms. */
  dataDelayMs: number;
}

export interface TestSmtp {
  port: number;
  behaviour: SmtpBehaviour;
  received: ReceivedMail[];
  accepted: ReceivedMail[];
  /** Answers every held message (success). */
  release(): void;
  close(): Promise<void>;
}

export async function startTestSmtp(auth?: { user: string; pass: string }): Promise<TestSmtp> {
  const behaviour: SmtpBehaviour = { refuse: new Map(), greetingDelayMs: 0, holdDataFor: new Set(), onReceived: () => {}, dataDelayMs: 0 };
  const received: ReceivedMail[] = [];
  const accepted: ReceivedMail[] = [];
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    disabledCommands: auth ? ['STARTTLS'] : ['AUTH', 'STARTTLS'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.user && a.password === auth.pass) return cb(null, { user: a.username });
      cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onConnect(_session, cb) {
      if (behaviour.greetingDelayMs > 0) setTimeout(() => cb(), behaviour.greetingDelayMs);
      else cb();
    },
    onRcptTo(address, _session, cb) {
      const refusal = behaviour.refuse.get(address.address);
      if (refusal) return cb(Object.assign(new Error(refusal), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        received.push(mail);
        behaviour.onReceived(mail);
        const accept = () => {
          accepted.push(mail);
          cb();
        };
        if (mail.to.some((t) => behaviour.holdDataFor.has(t))) held.push(accept);
        else if (behaviour.dataDelayMs > 0) setTimeout(accept, behaviour.dataDelayMs);
        else accept();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    behaviour,
    received,
    accepted,
    release: () => held.splice(0).forEach((f) => f()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on: a mail server that is down. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The headers of a raw message, unfolded, by lower-case name (the first of each). */
export function headersOf(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const map = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !map.has(line.slice(0, i).toLowerCase())) map.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

/** RFC 2047 encoded words (B and Q, UTF-8), written here so that the test does not trust the sender's library. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, text: string) => {
      if (charset.toLowerCase() !== 'utf-8') throw new Error(`unexpected charset ${charset}`);
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      return bytes.toString('utf8');
    });
}

/** The text body of a single-part message, quoted-printable or not, as UTF-8. */
export function textBodyOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const qp = /content-transfer-encoding:\s*quoted-printable/i.test(head ?? '');
  const b64 = /content-transfer-encoding:\s*base64/i.test(head ?? '');
  if (b64) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (!qp) return body.replace(/\r\n/g, '\n');
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}
