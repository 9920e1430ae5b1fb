import { POPOVER_PRELOAD_ID, registerPopoverPreload } from '@src/main/popover/preload';
import { describe, expect, it } from 'vitest';

function fakeSession() {
  const scripts: Array<{ type: string; id: string; filePath: string }> = [];
  return {
    scripts,
    registerPreloadScript: (script: { type: 'frame' | 'service-worker'; id?: string; filePath: string }) => {
      const id = script.id ?? `random-${scripts.length}`;
      scripts.push({ type: script.type, id, filePath: script.filePath });
      return id;
    },
    getPreloadScripts: () => scripts.map((script) => ({ ...script, type: script.type as 'frame' })),
  };
}

describe('the popover preload', () => {
  it('is registered on the session as a frame preload, by absolute path', () => {
    const session = fakeSession();
    registerPopoverPreload(session, '/Applications/Bridgelight.app/Contents/Resources/app.asar/out/preload/index.cjs');
    expect(session.scripts).toEqual([
      {
        type: 'frame',
        id: POPOVER_PRELOAD_ID,
        filePath: '/Applications/Bridgelight.app/Contents/Resources/app.asar/out/preload/index.cjs',
      },
    ]);
  });

  it('is registered once, however often main asks', () => {
    const session = fakeSession();
    registerPopoverPreload(session, '/app/out/preload/index.cjs');
    registerPopoverPreload(session, '/app/out/preload/index.cjs');
    expect(session.scripts).toHaveLength(1);
  });
});
