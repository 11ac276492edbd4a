/**
 * A real IMAP server on loopback for the reply tests: Debian's dovecot (`dovecot-imapd`, installed
 * by .ci/run), started with its own configuration in a temporary directory, one user whose
 * Maildir the test fills through IMAP APPEND. It can be stopped and started again on the same
 * port (a server restart) and can be given a new UIDVALIDITY (a mailbox rebuilt by its provider).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { closedPort } from './smtp';
import { waitUntil } from './wait';

export const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';

export interface TestImap {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** Puts a raw message (CRLF or LF lines) into INBOX; resolves with its UID. */
  deliver(raw: string): Promise<number>;
  /** Every message of INBOX as the server holds it: UID, flags, size, full text (read-only). */
  snapshot(): Promise<{ uidValidity: string; messages: { uid: number; flags: string[]; size: number; source: string }[] }>;
  /** Gives INBOX a new UIDVALIDITY (what a provider does when it rebuilds a mailbox). */
  changeUidValidity(value: number): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function uidGid(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()),
  };
}

/**
 * The users dovecot runs as. As root it needs an unprivileged existing user for its internal and
 * login processes (Debian's package creates `dovecot` and `dovenull`); as anyone else, that user.
 */
function runUsers(): { internal: string; login: string; mail: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) {
    const me = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
    return { internal: me, login: me, mail: uidGid(me) };
  }
  return { internal: 'dovecot', login: 'dovenull', mail: uidGid('dovecot') };
}

async function accepts(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
    });
    s.setTimeout(2000, () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(false));
  });
}

export async function startTestImap(): Promise<TestImap> {
  if (!existsSync(DOVECOT)) throw new Error(`${DOVECOT} is missing: apt-get install -y dovecot-imapd (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'djbooker-imap-'));
  chmodSync(dir, 0o755);
  const users = runUsers();
  const port = await closedPort();
  const user = 'dj';
  const pass = 'imap-test-password';
  const home = join(dir, 'home');
  mkdirSync(join(home, user), { recursive: true });
  chownSync(home, users.mail.uid, users.mail.gid);
  chownSync(join(home, user), users.mail.uid, users.mail.gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${pass}:::::\n`);
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      `instance_name = djbooker-test-${port}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `default_internal_user = ${users.internal}`,
      `default_internal_group = ${users.internal}`,
      `default_login_user = ${users.login}`,
      'first_valid_uid = 1',
      `mail_location = maildir:${home}/%u/Maildir`,
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${users.mail.uid} gid=${users.mail.gid} home=${home}/%u`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service stats {',
      '  unix_listener stats-reader {',
      `    user = ${users.internal}`,
      '  }',
      '  unix_listener stats-writer {',
      `    user = ${users.internal}`,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const log = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').slice(-2000) : '');

  const start = async () => {
    // The daemon keeps whatever output it is given open: none, its log file says what went wrong.
    const r = spawnSync(DOVECOT, ['-c', config], { stdio: 'ignore', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`dovecot did not start (exit ${r.status}): ${log()}`);
    await waitUntil(`dovecot on 127.0.0.1:${port}\n${log()}`, () => accepts(port), 20_000);
  };
  const stop = async () => {
    spawnSync(DOVEADM, ['-c', config, 'stop'], { stdio: 'ignore', timeout: 20_000 });
    await waitUntil('dovecot to stop', async () => !(await accepts(port)), 20_000);
  };
  const client = () =>
    new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false, disableAutoIdle: true });

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    pass,
    async deliver(raw) {
      const c = client();
      await c.connect();
      try {
        const r = await c.append('INBOX', raw.replace(/\r?\n/g, '\r\n'));
        if (!r || typeof r.uid !== 'number') throw new Error('APPEND returned no UID');
        return r.uid;
      } finally {
        await c.logout();
      }
    },
    async snapshot() {
      const c = client();
      await c.connect();
      try {
        const box = await c.mailboxOpen('INBOX', { readOnly: true });
        const messages =
          box.exists === 0
            ? []
            : (await c.fetchAll('1:*', { uid: true, flags: true, size: true, source: true })).map((m) => ({
                uid: m.uid,
                flags: [...(m.flags ?? [])].sort(),
                size: m.size ?? 0,
                source: m.source?.toString('utf8') ?? '',
              }));
        return { uidValidity: String(box.uidValidity), messages };
      } finally {
        await c.logout();
      }
    },
    changeUidValidity(value) {
      execFileSync(DOVEADM, ['-c', config, 'mailbox', 'update', '-u', user, '--uid-validity', String(value), 'INBOX'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
    },
    stop,
    start,
    async close() {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
