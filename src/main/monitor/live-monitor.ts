// The real Monitor on this machine's tools: the glue between MonitorHost and src/node.
import { createEventSource } from '../../node/event-source';
import { Monitor } from '../../node/monitor';
import { createLiveProber } from '../../node/probes';
import { createLiveRunner } from '../../node/runners/live';
import type { CommandRunner } from '../../shared/command';
import type { Platform } from '../../shared/model';
import type { MonitorFactory } from './monitor-host';
import { toolPath } from './tool-path';

export function createAppRunner(): CommandRunner {
  return createLiveRunner({ path: toolPath(process.env.PATH) });
}

export function liveMonitorFactory(platform: Platform): MonitorFactory {
  return (config) =>
    new Monitor({ runner: createAppRunner(), prober: createLiveProber() }, createEventSource(platform), {
      platform,
      check: { profile: config.profile, probeTargets: config.probeTargets },
    });
}
