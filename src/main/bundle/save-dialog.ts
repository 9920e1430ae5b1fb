// The interaction around a recording: ask where (a new folder), record, then show it in Finder or say what
// went wrong. Electron's dialogs are passed in, so the flow is testable.
import { join } from 'node:path';
import type { MessageBoxOptions, SaveDialogOptions } from 'electron';
import type { RecordedBundle } from '../../node/record-bundle';
import type { Logger } from '../logger';

export interface SaveBundleDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showMessageBox(options: MessageBoxOptions): Promise<unknown>;
  showItemInFolder(path: string): void;
  record(dir: string): Promise<RecordedBundle>;
  /** Folder the suggestion goes in (Desktop). */
  defaultFolder: string;
  log: Logger;
  now?: () => Date;
}

export function suggestedBundleName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `bridgelight-bundle-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/** Resolves with the bundle's folder, or null when the user cancelled or recording failed (already reported). */
export async function saveSupportBundle(deps: SaveBundleDeps): Promise<string | null> {
  const name = suggestedBundleName(deps.now?.() ?? new Date());
  const choice = await deps.showSaveDialog({
    title: 'Save Support Bundle',
    buttonLabel: 'Save Bundle',
    message: 'A new folder with the outputs Bridgelight reads. MAC addresses and host names are redacted.',
    defaultPath: join(deps.defaultFolder, name),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return null;
  try {
    const bundle = await deps.record(choice.filePath);
    deps.log.info(`support bundle: ${bundle.dir} (${bundle.files} files, ${bundle.verdict})`);
    deps.showItemInFolder(bundle.dir);
    return bundle.dir;
  } catch (error) {
    deps.log.warn('support bundle failed', error);
    await deps.showMessageBox({
      type: 'error',
      title: 'Bridgelight',
      message: 'The support bundle could not be saved.',
      detail: (error as Error).message,
      buttons: ['OK'],
    });
    return null;
  }
}
