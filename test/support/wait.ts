/**
 * Waiting for a state in tests: the probe is asked again until it gives a value (or true), with a
 * deadline that names what was awaited. One helper for every test that waits on another process.
 */
/**
 * The pause between two looks, not a wait for the state: what is awaited lives in another process
 * (a server's port, an SMTP or IMAP server, rows another process wrote), which sends no event here.
 * The deadline alone bounds the wait, whatever the machine's load.
 */
const POLL_MS = 20;

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  await waitFor(what, async () => ((await ok()) ? true : undefined), timeoutMs);
}
