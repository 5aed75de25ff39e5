/**
 * Debian's Chromium (installed by `.ci/run`: `apt-get install chromium fonts-noto-cjk`), driven by playwright-core.
 * Playwright's own browser downloads are not available here, and the background-networking flags matter: without
 * them Chromium keeps dialling Google services and this machine's closed network refuses the connections.
 */
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** A phone in portrait (the merchants' usual screen) and a laptop. */
export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;

/** A phone as the merchants (and reviewers on the go) hold it: portrait, touch, the browser set to Chinese. */
export const PHONE_CONTEXT = { viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const satisfies BrowserContextOptions;
