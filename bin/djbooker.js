#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a change and its use.
import { register } from 'tsx/esm/api';

register();
// `djbooker clients | head`: once the reader has closed the pipe, there is nobody left to tell
// anything to: stop quietly instead of dying on an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
