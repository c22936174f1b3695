/**
 * axe-core in the page under test, for the Chromium end-to-end suites: the WCAG 2.1 A/AA rules and
 * best practices, every violation with where it is and why (an empty list is what every screen
 * must give). The two window sizes merchants' PCs have most are here too, so every suite
 * photographs and checks the same ones.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export const SCREEN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  // The file is type-checked without DOM types: the page's globals are described inline.
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
};
