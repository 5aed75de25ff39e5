/** Signing in to the review console in Chromium the way a reviewer does: the local OpenID Connect provider's form. */
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** Signs one of the local provider's users in on `page` and waits until the console names them. */
export async function signInToConsole(page: Page, username: 'reviewer' | 'admin'): Promise<void> {
  const baseUrl = inject('baseUrl');
  const user = inject('consoleUsers').find((candidate) => candidate.username === username)!;
  await page.goto(`${baseUrl}/console/`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${baseUrl}/console/**`);
  await expect.poll(() => page.locator('#console-user').textContent()).toContain(username);
}
