import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Debian's chromium driven by puppeteer-core (no browser download): pages
 * are checked by the text a person sees, and saved as screenshots under
 * var/test/screenshots/ for review. One browser per test file: it is heavy.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../var/test/screenshots');

export async function openBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
  });
}

/** A phone-sized page (a member reading on a phone is the common case). */
export async function phonePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
  return page;
}

/** The text a reader sees (innerText: hidden elements and markup left out). */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Saves a full-page screenshot; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  return file;
}

/** Opens a URL and returns the HTTP status with the page's visible text. */
export async function visit(page: Page, url: string): Promise<{ status: number; text: string; bytes: number }> {
  const res = await page.goto(url, { waitUntil: 'load' });
  const body = res ? await res.buffer().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  return { status: res?.status() ?? 0, text: await visibleText(page), bytes: body.length };
}

/** Renders an HTML mail part as a mail client would show it (no network), and returns its visible text. */
export async function renderHtml(page: Page, html: string): Promise<string> {
  await page.setContent(html, { waitUntil: 'load' });
  return visibleText(page);
}
