export declare function fillChecksums(text: string, sums: string[]): string;
export declare function fillHomebrew(distDir: string, cliTarball: string, version: string): Record<string, string>;
