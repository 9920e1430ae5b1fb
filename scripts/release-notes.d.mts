export declare function changelogSections(text: string): Map<string, string>;
export declare function releaseNotes(tag: string, version: string, changelog: string): string | Error;
