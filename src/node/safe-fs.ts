// Files Bridgelight writes as root (a bundle recorded with sudo) and files it reads from strangers (a bundle
// pasted into an issue). Writing never goes through a link and never touches anything that already exists;
// reading takes only regular files, never through a link, never more bytes than the cap.
import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXIT, UserError } from './errors';

const { O_CREAT, O_EXCL, O_NOFOLLOW, O_WRONLY, O_RDONLY, O_NONBLOCK, O_DIRECTORY } = constants;

/** A folder this process created, private to it (0700), and its files, each created fresh (0600). */
export interface PrivateDir {
  readonly path: string;
  /** Creates `name` (one path segment) and writes `text`; fails if anything is there already, link or not. */
  write(name: string, text: string): void;
  /** Lets go of the folder; later writes fail. */
  close(): void;
  /** Removes what this process wrote and the folder, and lets go of it: for a bundle that must not be left. */
  discard(): void;
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

function refuseParent(parent: string): void {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(parent);
  } catch (error) {
    throw new UserError(`${parent}: cannot use as the bundle's parent folder (${code(error)})`, EXIT.cantCreate);
  }
  if (!stat.isDirectory()) throw new UserError(`${parent}: not a folder (or a link to one)`, EXIT.cantCreate);
  // Others could rename our folder away and put a link in its place; a sticky folder (/tmp) forbids exactly that.
  if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0)
    throw new UserError(`${parent}: writable by other users; choose a folder only you can write to`, EXIT.cantCreate);
}

/**
 * Creates `dir` itself (never an existing one), mode 0700, so no other user can plant anything in it. Each file
 * is then opened O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, through the folder this process holds open (Linux:
 * /proc/self/fd), or after checking the path still leads to that same folder (elsewhere).
 */
export function createPrivateDir(dir: string): PrivateDir {
  const path = resolve(dir);
  refuseParent(dirname(path));
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if (code(error) === 'EEXIST')
      throw new UserError(`${dir}: exists already; name a new folder and Bridgelight creates it`, EXIT.cantCreate);
    throw new UserError(`${dir}: cannot create (${code(error)})`, EXIT.cantCreate);
  }
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    fchmodSync(fd, 0o700); // whatever the umask left
  } catch (error) {
    rmdirSync(path);
    throw new UserError(`${dir}: cannot open the new folder (${code(error)})`, EXIT.cantCreate);
  }
  const pinned = fstatSync(fd);
  const viaFd = existsSync(`/proc/self/fd/${fd}`);
  let closed = false;
  const base = (): string => {
    // Once closed, the descriptor's number can be handed to the next file opened: never write through it again.
    if (closed) throw new Error(`${dir}: closed; nothing more is written`);
    if (viaFd) return `/proc/self/fd/${fd}`;
    const now = lstatSync(path);
    if (!now.isDirectory() || now.ino !== pinned.ino || now.dev !== pinned.dev)
      throw new UserError(`${dir}: was replaced while recording; nothing more is written`, EXIT.cantCreate);
    return path;
  };
  const written: string[] = [];
  return {
    path,
    write(name, text) {
      if (name.includes('/') || name === '.' || name === '..')
        throw new Error(`refusing to write bundle file ${JSON.stringify(name)}`);
      const file = openSync(join(base(), name), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      written.push(name);
      try {
        fchmodSync(file, 0o600);
        const bytes = Buffer.from(text, 'utf8');
        let written = 0;
        while (written < bytes.length) written += writeSync(file, bytes, written, bytes.length - written);
      } finally {
        closeSync(file);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
    discard() {
      // Only the names this process created, through the folder it holds: never a path someone swapped in.
      for (const name of written) unlinkSync(join(base(), name));
      closed = true;
      closeSync(fd);
      rmdirSync(path);
    },
  };
}

export type CappedRead = { text: string } | { problem: 'missing' | 'too-large' | 'unparseable'; detail: string };

const CHUNK = 64 * 1024;

/**
 * Reads `path` if it is a regular file of at most `maxBytes` (counted while reading, so a file that grows or a
 * device that never ends is still cut off). A link, FIFO, device or folder is a problem, never followed, never
 * waited on. `label` names the file in the problem's text.
 */
export function readCapped(path: string, maxBytes: number, label: string): CappedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    const why = code(error);
    if (why === 'ENOENT') return { problem: 'missing', detail: `${label} is not in the bundle` };
    if (why === 'ELOOP') return { problem: 'unparseable', detail: `${label} is a symbolic link: not followed` };
    return { problem: 'unparseable', detail: `${label} cannot be read (${why})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory() ? 'a folder' : 'not a regular file';
      return { problem: 'unparseable', detail: `${label} is ${kind}: not read` };
    }
    const tooLarge = {
      problem: 'too-large' as const,
      detail: `${label} is over the ${(maxBytes / 1048576).toFixed(0)} MB limit: refused`,
    };
    if (stat.size > maxBytes) return tooLarge;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, CHUNK, null);
      } catch (error) {
        return { problem: 'unparseable', detail: `${label} cannot be read (${code(error)})` };
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return tooLarge;
      chunks.push(chunk.subarray(0, n));
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}
