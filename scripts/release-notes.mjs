#!/usr/bin/env node
// Prints the release notes of one version: its section of CHANGELOG.md. Given the tag being released, it first
// checks that the tag, package.json's version and the changelog agree, so a release can't go out half-named.
//
//   node scripts/release-notes.mjs v0.1.0 > notes.md
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The sections of a Keep a Changelog file, by the name in `## [name]`, each body trimmed. */
export function changelogSections(text) {
  const sections = new Map();
  let name = null;
  let lines = [];
  const close = () => {
    if (name !== null) sections.set(name, lines.join('\n').trim());
  };
  for (const line of text.split('\n')) {
    const heading = /^## \[([^\]]+)\]/.exec(line);
    if (heading) {
      close();
      name = heading[1];
      lines = [];
    } else if (name !== null) lines.push(line);
  }
  close();
  return sections;
}

/** The notes for releasing `tag`, or an Error saying in one line what disagrees. */
export function releaseNotes(tag, version, changelog) {
  if (tag !== `v${version}`) return new Error(`tag "${tag}" is not v${version}, the version in package.json`);
  const notes = changelogSections(changelog).get(version);
  if (notes === undefined) return new Error(`CHANGELOG.md has no "## [${version}]" section`);
  if (notes === '') return new Error(`CHANGELOG.md's section for ${version} is empty`);
  return notes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
  const tag = process.argv[2] ?? `v${version}`;
  const notes = releaseNotes(tag, version, readFileSync(`${ROOT}/CHANGELOG.md`, 'utf8'));
  if (notes instanceof Error) {
    process.stderr.write(`release-notes: ${notes.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${notes}\n`);
}
