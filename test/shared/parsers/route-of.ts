import type { Route } from '@src/shared/model';

/** A Route as the Linux parsers build it: no gateway, interface or flags, not scoped, unless `extra` says so. */
export const route = (destination: string, extra: Partial<Route> = {}): Route => ({
  destination,
  gateway: null,
  interface: null,
  flags: [],
  scoped: false,
  ...extra,
});
