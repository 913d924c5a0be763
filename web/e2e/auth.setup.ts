import { test as setup } from '@playwright/test';
import { ADMIN_STORAGE_STATE, DEMO_ADMIN, forgetHelperApiKey, gql, helperApiKey, signInThroughPage } from './support';

// Runs before every other project (playwright.config.ts): the demo admin signs in once through the
// sign-in page, and the specs reuse that browser session (storageState). The API helpers in
// support.ts get an ADMIN API key of their own.

setup('the demo admin signs in through the sign-in page', async ({ page }) => {
  await page.goto('/');
  await page.waitForURL(/\/sign-in/);
  await signInThroughPage(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});

setup('the API helpers get an API key', async () => {
  forgetHelperApiKey();
  await helperApiKey();
  await gql('{ workspace { slug } }');
});
