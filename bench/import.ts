/** The 5,000-row Excel import, measured once the Excel module exists (see docs/benchmarks.md). */
export async function benchImport(_base: string, _password: string, _fx: { unitIds: string[]; codes: string[] }): Promise<unknown> {
  return { skipped: 'the Excel import endpoint is measured by bench/import.ts once it exists' };
}
