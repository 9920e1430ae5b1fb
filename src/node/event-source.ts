// The OS's own change notifications, turned into MonitorEvents. Polling would either miss a brief second
// address or burn CPU all day; these streams cost nothing while nothing changes.

import type { Platform } from '../shared/model';
import type { MonitorEvent } from '../shared/monitor-event';
import { parseRouteMonitor, splitRouteMonitorMessages } from '../shared/parsers/darwin/route-monitor';
import { parseIpMonitorLine } from '../shared/parsers/linux/ip-monitor';
import { type LineStream, spawnLines } from './runners/live-stream';
import { linuxIpPath } from './tools';

export interface EventSource {
  start(onEvent: (event: MonitorEvent) => void, onEnd: (why: string) => void): void;
  stop(): void;
}

/** Splits a byte stream into lines, keeping the unfinished tail (bounded, so a runaway line can't grow memory). */
export function lineSplitter(onLine: (line: string) => void, maxPending = 64 * 1024): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > maxPending) pending = '';
    for (const line of lines) onLine(line);
  };
}

function linuxSource(): EventSource {
  let stream: LineStream | null = null;
  return {
    start(onEvent, onEnd) {
      const split = lineSplitter((line) => {
        const event = parseIpMonitorLine(line);
        if (event) onEvent(event);
      });
      stream = spawnLines([linuxIpPath(), '-o', 'monitor', 'address', 'route'], split);
      // `ended` never rejects (live-stream.ts turns a failure into its reason).
      void stream.ended.then(onEnd);
    },
    stop() {
      stream?.stop();
      stream = null;
    },
  };
}

function darwinSource(): EventSource {
  let stream: LineStream | null = null;
  return {
    start(onEvent, onEnd) {
      let pending = '';
      stream = spawnLines(['/sbin/route', '-n', 'monitor'], (chunk) => {
        const { complete, rest } = splitRouteMonitorMessages(pending + chunk);
        pending = rest.length > 64 * 1024 ? '' : rest;
        for (const message of complete) for (const event of parseRouteMonitor(message)) onEvent(event);
      });
      // `ended` never rejects (live-stream.ts turns a failure into its reason).
      void stream.ended.then(onEnd);
    },
    stop() {
      stream?.stop();
      stream = null;
    },
  };
}

export function createEventSource(platform: Platform): EventSource {
  return platform === 'darwin' ? darwinSource() : linuxSource();
}
