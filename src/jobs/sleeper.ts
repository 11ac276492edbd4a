/**
 * The wait of a background job between passes: a timer that a kick, a stop or some news ends
 * early, and that does not start at all while `skip()` says the job has something to do now.
 */
export interface Sleeper {
  /** Resolves after `ms`, on wake(), or when one of `news` resolves. */
  sleep(ms: number, news?: readonly Promise<unknown>[]): Promise<void>;
  /** Ends the current sleep, if any. */
  wake(): void;
}

export function sleeper(skip: () => boolean): Sleeper {
  let wake: (() => void) | null = null;
  return {
    sleep: (ms, news = []) =>
      new Promise<void>((resolve) => {
        if (skip()) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
        for (const n of news) void n.then(done);
      }),
    wake: () => wake?.(),
  };
}
