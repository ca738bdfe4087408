/**
 * The data-plane fast path (http/app.ts): only paths no other route can serve skip the routers.
 */
import { isDataPlanePath } from '../../emulator/http/app';

describe('isDataPlanePath', () => {
  test.each(['/secrets', '/secrets/', '/secrets/a', '/Secrets/a/', '/secrets/a/0123?api-version=7.6', '/deletedsecrets/a/recover', '/DELETEDSECRETS'])(
    '%s goes straight to the data plane',
    (url) => expect(isDataPlanePath(url)).toBe(true),
  );
  test.each([
    '/',
    '',
    '/_emulator/health',
    '/subscriptions/x/resourceGroups',
    '/secrets/v2.0/.well-known/openid-configuration', // an identity route with tenant "secrets"
    '/secrets/oauth2/v2.0/token',
    '/secrets/a/b/c',
    '//secrets/a',
    '/secrets//a',
    '/secretsx',
    '/x/secrets',
  ])('%s takes the routes', (url) => expect(isDataPlanePath(url)).toBe(false));
});
