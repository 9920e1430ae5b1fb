// One mock handler per invoke channel, for the registry's tests: each answers as main's would, so a test can see
// whether (and with what) the gate let a call through.
import { defaultSettings } from '@src/main/settings/settings';
import type { FindingId } from '@src/shared/finding-ids';
import type { InvokeHandlers } from '@src/shared/ipc-channels';
import { vi } from 'vitest';

export function handlers() {
  const settings = { ...defaultSettings(), launchAtLoginStatus: 'disabled' as const };
  return {
    getState: vi.fn(() => ({ diagnosis: null, checkedAt: null, checking: false })),
    recheck: vi.fn(async () => {}),
    fix: vi.fn(async (findingId: FindingId) => ({ outcome: 'verified' as const, findingId, message: 'done' })),
    undoFix: vi.fn(async (findingId: FindingId) => ({ outcome: 'verified' as const, findingId, message: 'done' })),
    getSettings: vi.fn(() => settings),
    updateSettings: vi.fn(() => settings),
    ignoreAddress: vi.fn(() => settings),
    copyDiagnostics: vi.fn(async (): Promise<void> => {}),
    muteFinding: vi.fn(() => settings),
    unmuteFinding: vi.fn(() => settings),
    hideVm: vi.fn(() => settings),
    showVm: vi.fn(() => settings),
  } satisfies InvokeHandlers;
}
