import { parseVmSelector, selectionFor } from '@src/shared/vm-select';
import { describe, expect, it } from 'vitest';

describe('--vm PROVIDER[/NAME]', () => {
  it.each([
    ['lima', { provider: 'lima', name: null }],
    ['lima/default', { provider: 'lima', name: 'default' }],
    ['minikube/dev-2', { provider: 'minikube', name: 'dev-2' }],
    ['utm/Ubuntu_24.04', { provider: 'utm', name: 'Ubuntu_24.04' }],
    ['utm/0A3D6E8C-2B1B-4D4E-9C5E-1F2A3B4C5D6E', { provider: 'utm', name: '0A3D6E8C-2B1B-4D4E-9C5E-1F2A3B4C5D6E' }],
  ])('reads %s', (text, selector) => {
    expect(parseVmSelector(text)).toEqual({ ok: true, value: selector });
  });

  it.each([
    [
      'vagrant/default',
      '--vm "vagrant/default": "vagrant" is not one of minikube, lima, colima, multipass, container, tart, utm, podman',
    ],
    ['', '--vm "": "" is not one of minikube, lima, colima, multipass, container, tart, utm, podman'],
    ['lima/', '--vm "lima/": "" is not a Lima instance name'],
    ['lima/../etc', '--vm "lima/../etc": "../etc" is not a Lima instance name'],
    ['lima/a--b', '--vm "lima/a--b": "a--b" is not a Lima instance name'],
    ['multipass/1abc', '--vm "multipass/1abc": "1abc" is not a multipass instance name'],
    ['minikube/a b', '--vm "minikube/a b": "a b" is not a minikube profile name'],
    ['lima/default/x', '--vm "lima/default/x": "default/x" is not a Lima instance name'],
  ])('refuses %j with one line', (text, error) => {
    expect(parseVmSelector(text)).toEqual({ ok: false, error });
  });
});

describe('which VMs of a provider a selection takes', () => {
  it('no selector: discover every running VM; a provider alone: all; names: those; others: none', () => {
    expect(selectionFor([], 'lima')).toBe('discover');
    expect(selectionFor([{ provider: 'lima', name: null }], 'lima')).toBe('all');
    expect(
      selectionFor(
        [
          { provider: 'lima', name: 'a' },
          { provider: 'lima', name: 'b' },
          { provider: 'lima', name: 'a' },
        ],
        'lima',
      ),
    ).toEqual(['a', 'b']);
    expect(
      selectionFor(
        [
          { provider: 'lima', name: 'a' },
          { provider: 'lima', name: null },
        ],
        'lima',
      ),
    ).toBe('all');
    expect(selectionFor([{ provider: 'lima', name: 'a' }], 'minikube')).toBe('none');
  });
});
