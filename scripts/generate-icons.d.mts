// Types for scripts/generate-icons.mjs, so the packaging tests can use its job list and renderers.
export declare const TRAY_STATES: readonly ['green', 'yellow', 'red', 'unknown'];

export interface IconJob {
  svg: string;
  png: string;
  size: number;
}

export declare function iconJobs(): IconJob[];

export declare const ICNS_JOB: {
  svg: string;
  icns: string;
  slots: ReadonlyArray<readonly [type: string, size: number]>;
};

export declare function buildIcns(
  pngBySize: Map<number, Buffer>,
  slots?: ReadonlyArray<readonly [type: string, size: number]>,
): Buffer;

export interface IconRenderer {
  name: 'rsvg-convert' | 'chromium';
  render(svgPath: string, size: number): Promise<Buffer>;
  close(): Promise<void>;
}

export declare function openRenderer(requested?: 'rsvg' | 'chromium'): Promise<IconRenderer>;

export declare function renderAll(renderer: IconRenderer, root?: string): Promise<Map<string, Buffer>>;
