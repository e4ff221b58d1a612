import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless flags from the environment notes: no sandbox (root), no GPU, and none of Chromium's own background traffic. */
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** One headless Chromium for a whole suite (Playwright gives it a fresh temporary profile). */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return { browser, close: () => browser.close() };
}

/**
 * The browser tests need the built console (dist/console, as `npm ci` leaves it). Rebuilt here
 * when missing or older than a console source, so a test never checks a stale bundle.
 */
export function ensureConsoleBuilt(): void {
  const built = join(process.cwd(), "dist", "console", "build-info.json");
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => Math.max(max, entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs), 0);
  if (builtAt > newest(join(process.cwd(), "console"))) return;
  execFileSync(process.execPath, ["dist/scripts/build-console.js"], { stdio: "inherit" });
}

/**
 * A browser context that may reach only `allowedOrigins` (the gateway, and the emulator in
 * microsoft mode): any other request is refused and recorded, so a test proves the page works
 * offline and fetches nothing from the internet.
 */
export async function offlineContext(browser: Browser, allowedOrigins: string[], options: { width?: number; ignoreHTTPSErrors?: boolean } = {}): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: true,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
  });
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url.startsWith("blob:") || allowedOrigins.some((origin) => url.startsWith(origin))) return route.continue();
    outside.push(url);
    return route.abort("internetdisconnected");
  });
  return { context, outside };
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core on the page as it is now: fails on any serious or critical violation (WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)) }));
  });
  const blocking = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(blocking, `${name}: serious or critical accessibility violations`).toEqual([]);
}

export const SCREENSHOTS = join(process.cwd(), "test-results", "screenshots");

/** A full-page screenshot under test-results/screenshots (git-ignored) for review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
