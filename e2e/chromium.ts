/**
 * Debian's Chromium as the e2e journeys and the browser benchmarks launch it:
 * headless in a container without a GPU, and with nothing running in the
 * background that would talk to the internet or skew timings.
 */
export const chromiumExecutablePath =
  process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
