export interface ScoreScope {
  name: string;
  holds(file: string): boolean;
}
export interface ScopeScore {
  name: string;
  detected: number;
  undetected: number;
  invalid: number;
  files: number;
  scored: number;
  score: number | null;
}
export interface StrykerReport {
  files: Record<string, { mutants: { id: string; status: string; coveredBy?: string[]; killedBy?: string[] }[] }>;
  testFiles?: Record<string, { source?: string; tests: { id: string; name: string }[] }>;
  [key: string]: unknown;
}
export declare const SCOPES: ScoreScope[];
export declare function mergeReports(
  reports: StrykerReport[],
  current?: (file: string) => string | undefined,
): { report: StrykerReport; duplicates: string[] };
export declare function scopeScores(report: StrykerReport, scopes?: ScoreScope[]): ScopeScore[];
