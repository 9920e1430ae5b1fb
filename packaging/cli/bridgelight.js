#!/usr/bin/env node
// `bridgelight` as @bridgelight/cli installs it. V8's compile cache (Node 22.1+) keeps the parsed bundle
// between runs; older Nodes start without it.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../out/cli/bridgelight.js');
process.exitCode = await main(process.argv.slice(2));
