// Debian's Chromium, as the browser tests and the icon renderer launch it. Root needs --no-sandbox; the rest keep
// it from reaching for the network (updates, sync, QUIC probes) on a machine that must not send any traffic.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
