// The lab's "internet", run by lab.sh inside the router namespace: an HTTP service on 203.0.113.10 (:80 and, as
// plain HTTP, :443 — the tool only needs a TCP handshake there) and a DNS server on 203.0.113.53 that knows one
// name. Each request is logged with the source address the router saw, so tests can tell which NAT source won.
import dgram from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

const WEB = '203.0.113.10';
const DNS = '203.0.113.53';
/** @type {Map<string, string>} */
const NAMES = new Map([
  ['registry.lab.test', WEB],
  ['secure.lab.test', '203.0.113.11'],
]);
// The VM-side findings' parts of the lab: an HTTPS service whose certificate comes from a lab CA nobody trusts
// (lab.sh makes it in $BRIDGELIGHT_LAB_DIR), an HTTP proxy, and a VPN-like resolver that alone knows an internal zone.
const SECURE = '203.0.113.11';
const PROXY = '203.0.113.12';
const VPN_DNS = '203.0.113.54';
/** @type {Map<string, string>} */
const VPN_NAMES = new Map([...NAMES, ['app.corp.lab.test', WEB]]);

const TYPE_A = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_FORMERR = 1;

/** @param {string} line */
function log(line) {
  process.stdout.write(`${line}\n`);
}

/** @type {http.RequestListener} */
function serve(req, res) {
  log(`http ${req.socket.remoteAddress} ${req.socket.localPort} ${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
  res.end('bridgelight lab\n');
}

/**
 * Reads the single question of a query. Compression pointers never occur in questions sent by resolvers.
 * @param {Buffer} msg
 * @returns {{ name: string, type: number, end: number } | null}
 */
function readQuestion(msg) {
  if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return null;
  const labels = [];
  let at = 12;
  while (at < msg.length) {
    const len = msg[at];
    if (len === 0) {
      if (at + 5 > msg.length) return null;
      return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(at + 1), end: at + 5 };
    }
    if (len > 63 || at + 1 + len > msg.length) return null;
    labels.push(msg.toString('latin1', at + 1, at + 1 + len));
    at += 1 + len;
  }
  return null;
}

/**
 * @param {Buffer} query
 * @param {Map<string, string>} names
 * @returns {Buffer}
 */
function answer(query, names = NAMES) {
  const q = readQuestion(query);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.length >= 2 ? query.readUInt16BE(0) : 0, 0);
  // QR=1, opcode and RD echoed, RA=1.
  const flags = 0x8000 | ((query.length >= 4 ? query.readUInt16BE(2) : 0) & 0x7900) | 0x0080;
  if (!q) {
    header.writeUInt16BE(flags | RCODE_FORMERR, 2);
    return header;
  }
  const question = query.subarray(12, q.end);
  header.writeUInt16BE(1, 4);
  const address = names.get(q.name);
  if (address === undefined) {
    header.writeUInt16BE(flags | RCODE_NXDOMAIN, 2);
    return Buffer.concat([header, question]);
  }
  header.writeUInt16BE(flags, 2);
  // A known name asked for another type (AAAA): NOERROR with no answer, so resolvers fall back to A cleanly.
  if (q.type !== TYPE_A) return Buffer.concat([header, question]);
  header.writeUInt16BE(1, 6);
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // pointer to the name in the question
  record.writeUInt16BE(TYPE_A, 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(60, 6);
  record.writeUInt16BE(4, 10);
  address.split('.').forEach((octet, i) => {
    record[12 + i] = Number(octet);
  });
  return Buffer.concat([header, question, record]);
}

const dns = dgram.createSocket('udp4');
dns.on('message', (msg, from) => {
  const q = readQuestion(msg);
  log(`dns ${from.address} ${q ? `${q.name} ${q.type}` : 'malformed'}`);
  dns.send(answer(msg), from.port, from.address);
});

const vpnDns = dgram.createSocket('udp4');
vpnDns.on('message', (msg, from) => {
  const q = readQuestion(msg);
  log(`vpn-dns ${from.address} ${q ? `${q.name} ${q.type}` : 'malformed'}`);
  vpnDns.send(answer(msg, VPN_NAMES), from.port, from.address);
});

/** CONNECT to lab addresses only: the proxy must never lead out of the lab. */
function proxyServer() {
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { connection: 'close' });
    res.end();
  });
  server.on('connect', (req, client) => {
    const [name = '', port = ''] = (req.url ?? '').split(':');
    // Names as the lab's resolver knows them; anything that is not a lab address is refused.
    const host = NAMES.get(name.toLowerCase()) ?? name;
    log(`proxy ${req.socket.remoteAddress} CONNECT ${req.url}`);
    client.on('error', () => {});
    if (!/^203\.0\.113\.\d{1,3}$/.test(host) || !/^\d{1,5}$/.test(port)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  return server;
}

const certDir = process.env.BRIDGELIGHT_LAB_DIR ?? '';
/** @param {string} name */
const certFile = (name) => path.join(certDir, name);
const haveCert = certDir !== '' && existsSync(certFile('lab-leaf.pem'));

/** @param {(done: () => void) => void} start */
const listening = (start) => new Promise((resolve) => start(() => resolve(undefined)));
await Promise.all([
  listening((done) => http.createServer(serve).listen(80, WEB, done)),
  listening((done) => http.createServer(serve).listen(443, WEB, done)),
  listening((done) => dns.bind(53, DNS, done)),
  listening((done) => vpnDns.bind(53, VPN_DNS, done)),
  listening((done) => proxyServer().listen(3128, PROXY, done)),
  ...(haveCert
    ? [
        listening((done) =>
          https
            .createServer(
              {
                key: readFileSync(certFile('lab-leaf.key')),
                cert: Buffer.concat([readFileSync(certFile('lab-leaf.pem')), readFileSync(certFile('lab-ca.pem'))]),
              },
              serve,
            )
            .listen(443, SECURE, done),
        ),
      ]
    : []),
]);
log('ready');

process.on('SIGTERM', () => process.exit(0));
