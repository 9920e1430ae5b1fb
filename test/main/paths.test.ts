import { APP_ORIGIN, isAppUrl, POPOVER_URL } from '@src/main/app-origin';
import { helperEnvironment } from '@src/main/fix/helper-env';
import { toolPath } from '@src/main/monitor/tool-path';
import { appPaths } from '@src/main/paths';
import { describe, expect, it } from 'vitest';
import { commandResult } from '../support/command-result';

describe('appPaths', () => {
  it('finds the preload and the page inside the asar when packaged', () => {
    const paths = appPaths({
      isPackaged: true,
      appPath: '/Applications/Bridgelight.app/Contents/Resources/app.asar',
      resourcesPath: '/Applications/Bridgelight.app/Contents/Resources',
    });
    expect(paths.preload).toBe('/Applications/Bridgelight.app/Contents/Resources/app.asar/out/preload/index.cjs');
    expect(paths.rendererRoot).toBe('/Applications/Bridgelight.app/Contents/Resources/app.asar/out/renderer');
  });

  it('uses the repository in development', () => {
    const paths = appPaths({ isPackaged: false, appPath: '/work/main', resourcesPath: '/x/electron/Resources' });
    expect(paths.preload).toBe('/work/main/out/preload/index.cjs');
    expect(paths.assets).toBe('/work/main/assets');
  });
});

describe('isAppUrl', () => {
  it('accepts only our scheme and host', () => {
    expect(APP_ORIGIN).toBe('app://bridgelight');
    expect(isAppUrl(POPOVER_URL)).toBe(true);
    for (const url of ['app://bridgelight2/', 'app:bridgelight', 'apps://bridgelight/', 'file:///', null, 42])
      expect(isAppUrl(url)).toBe(false);
  });
});

describe('toolPath', () => {
  it('adds Homebrew and friends after the inherited PATH, once each', () => {
    expect(toolPath('/usr/bin:/bin:/usr/sbin:/sbin')).toBe(
      '/usr/bin:/bin:/usr/sbin:/sbin:/opt/homebrew/bin:/usr/local/bin:/opt/local/bin',
    );
    expect(toolPath('/Users/me/bin:/opt/homebrew/bin').split(':')[0]).toBe('/Users/me/bin');
  });

  it('drops relative entries, which would make tool lookup depend on the working directory', () => {
    expect(toolPath('.:bin::/usr/bin').split(':')).not.toContain('.');
    expect(toolPath(undefined).startsWith('/usr/bin')).toBe(true);
  });
});

describe('helperEnvironment', () => {
  it('is root only for uid 0', () => {
    const runner = {
      run: async () => commandResult(),
    };
    expect(helperEnvironment(runner, 'darwin', () => 0).isRoot).toBe(true);
    expect(helperEnvironment(runner, 'darwin', () => 501).isRoot).toBe(false);
    expect(helperEnvironment(runner, 'darwin', null).isRoot).toBe(false);
  });
});
