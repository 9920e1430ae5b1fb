export declare const CLI_PACKAGE_NAME: string;
export declare function cliManifest(app: {
  version: string;
  license: string;
  engines: Record<string, string>;
}): Record<string, unknown> & { name: string; version: string; files: string[] };
export declare function packCli(outDir: string): Promise<string>;
