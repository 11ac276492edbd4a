/** A job's wait between passes that a kick or a stop ends at once. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
  /** Ends the current wait, if any. */
  wake(): void;
}

export function sleeper(): Sleeper {
  let wake: (() => void) | null = null;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      }),
    wake: () => wake?.(),
  };
}
